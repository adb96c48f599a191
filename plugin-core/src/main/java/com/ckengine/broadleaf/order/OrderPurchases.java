package com.ckengine.broadleaf.order;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.InvalidEventException;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.broadleaf.AddedLines;
import com.ckengine.broadleaf.CatchUpCandidate;
import com.ckengine.broadleaf.HookThread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the Product Purchased event of submitted orders. The order listener only hands an order
 * id over ({@link #submitted}); a background thread reads the order in a transaction of its own and
 * publishes, so checkout never waits for the engine's tables and never fails because of them. What
 * this thread misses (a full queue, a database outage, a process killed before it ran) the order
 * sweep finds later ({@link OrderCatchUp}); the event key {@code order:<number>} makes publishing
 * twice harmless.
 *
 * <p>Lines added to the order after its submit ({@link AddedLines}) are published with it, each as
 * a Product Added to Order of its own ({@code order:<number>:added:<line id>}), never as part of
 * the order's Product Purchased. The sweep's walk has usually passed the order by the time a line
 * is added, so an added line whose publish failed is handed over to the sweep's next run ({@link
 * #handedOver}), and after a restart the walk looks for added lines without their event.
 */
public class OrderPurchases implements DisposableBean {
  private CustomerFacts.History history = CustomerFacts.NO_HISTORY;

  private static final Log LOG = LogFactory.getLog(OrderPurchases.class);

  /** Orders with added lines whose publish failed, by id: the sweep's next run takes them up. */
  private final Map<Long, CatchUpCandidate> handedOver =
      new LinkedHashMap<Long, CatchUpCandidate>();

  /** Order numbers known to have their event: the cheap answer to Broadleaf's repeated saves. */
  private final Map<String, Boolean> published =
      Collections.synchronizedMap(
          new LinkedHashMap<String, Boolean>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 20000;
            }
          });

  private EventPublisher publisher;
  private TestPayments testPayments = TestPayments.NONE;
  private OrderService orderService;
  private TransactionTemplate readTx;
  private long publishDelayMillis = 250;

  private volatile boolean enabled = true;
  private final HookThread thread = new HookThread("ckengine-order-publisher");

  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  /** Which payments make an order a test order ({@code ckengine.orders.testPayments}). */
  /**
   * Broadleaf's persistence unit, for the customer's order count and total spent ({@link
   * JpaCustomerHistory}); without it those two facts are left unknown.
   */
  public void setEntityManagerFactory(javax.persistence.EntityManagerFactory emf) {
    this.history = emf == null ? CustomerFacts.NO_HISTORY : new JpaCustomerHistory(emf);
  }

  public void setTestPayments(TestPayments testPayments) {
    this.testPayments = testPayments;
  }

  public void setOrderService(OrderService orderService) {
    this.orderService = orderService;
  }

  /** Broadleaf's {@code blTransactionManager}; orders are read in a new read-only transaction. */
  public void setTransactionManager(PlatformTransactionManager tm) {
    this.readTx = HookThread.readOnlyTransaction(tm);
  }

  /**
   * How long after the commit the order is published ({@code ckengine.orders.publishDelayMillis},
   * default 250 ms): by then the shopper's request that committed it is over, so the publish (a
   * read of the order and a write of the event) never competes with it. Tests that must kill the
   * process between an order's commit and its event make it long.
   */
  public void setPublishDelayMillis(Long ms) {
    if (ms != null) this.publishDelayMillis = Math.max(0, ms);
  }

  /** Off: submitted orders are ignored until switched on again (the sweep still runs). */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void start() {
    thread.start();
  }

  @Override
  public void destroy() {
    thread.stop();
  }

  /**
   * Called on the request thread right after an order committed as SUBMITTED: queues its publish
   * and returns at once. Never throws.
   */
  public void submitted(final Long orderId, String orderNumber) {
    submitted(orderId, orderNumber, Collections.<Long>emptyList());
  }

  /**
   * As {@link #submitted(Long, String)}, for an order that may hold lines added after its submit
   * ({@code addedLineIds}): queued again until each added line's event is known stored.
   */
  public void submitted(final Long orderId, final String orderNumber, List<Long> addedLineIds) {
    try {
      if (!enabled || orderId == null) return;
      if (orderNumber != null && published.containsKey(orderNumber)) {
        boolean allKnown = true;
        for (Long line : addedLineIds) {
          if (!published.containsKey(OrderEvents.addedKey(orderNumber, line))) allKnown = false;
        }
        if (allKnown) return;
      }
      final boolean added = !addedLineIds.isEmpty();
      boolean queued =
          thread.schedule(
              () -> {
                try {
                  publish(orderId);
                } catch (RuntimeException e) {
                  LOG.warn(
                      "Product Purchased of order id "
                          + orderId
                          + " not published now ("
                          + e
                          + "); the order sweep will publish it");
                  if (added) handOver(orderId, orderNumber);
                }
              },
              publishDelayMillis);
      if (!queued) {
        LOG.warn("order publish queue full; the order sweep will publish order id " + orderId);
        if (added) handOver(orderId, orderNumber);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not queue order id " + orderId + " for publishing", e);
    }
  }

  private void handOver(Long orderId, String orderNumber) {
    String reference = orderNumber == null ? "id-" + orderId : orderNumber;
    // Not "known published" any more: the sweep must look at its added lines.
    published.remove(reference);
    synchronized (handedOver) {
      handedOver.put(
          orderId,
          new CatchUpCandidate(orderId, new Date(), reference, "order " + reference + " (added)"));
    }
  }

  /** The orders handed over since the last call, each once (for {@link OrderCatchUp}). */
  List<CatchUpCandidate> handedOver() {
    synchronized (handedOver) {
      List<CatchUpCandidate> out = new ArrayList<CatchUpCandidate>(handedOver.values());
      handedOver.clear();
      return out;
    }
  }

  /** Forgets the orders seen stored and those handed over, as a restart does (tests). */
  public void forget() {
    published.clear();
    synchronized (handedOver) {
      handedOver.clear();
    }
  }

  /** True when this process already saw {@code orderNumber}'s event stored. */
  public boolean isKnownPublished(String orderNumber) {
    return published.containsKey(orderNumber);
  }

  /** Remembers that {@code orderNumber}'s event is stored (found by the sweep). */
  public void rememberPublished(String orderNumber) {
    published.put(orderNumber, Boolean.TRUE);
  }

  /**
   * Reads the order and publishes its Product Purchased event; a no-op for an event already stored.
   * An order that cannot make a valid event (no email address, no lines) is logged and counted as
   * done, since retrying would not change it.
   *
   * @return the publish result, or null when the order is missing, not submitted or invalid
   * @throws RuntimeException when the order or the engine's tables cannot be read or written
   */
  public PublishResult publish(final Long orderId) {
    final String[] reference = new String[1];
    final List<StoreEvent> added = new ArrayList<StoreEvent>();
    StoreEvent event =
        readTx.execute(
            new TransactionCallback<StoreEvent>() {
              @Override
              public StoreEvent doInTransaction(TransactionStatus status) {
                Order order = orderService.findOrderById(orderId);
                if (order == null || order.getStatus() == null) return null;
                if (!"SUBMITTED".equals(order.getStatus().getType())) return null;
                reference[0] = OrderEvents.reference(order);
                try {
                  for (OrderItem item : order.getOrderItems()) {
                    if (AddedLines.isAdded(item)) {
                      added.add(OrderEvents.addedToOrder(order, item, testPayments));
                    }
                  }
                  return OrderEvents.purchase(order, testPayments, history);
                } catch (InvalidEventException e) {
                  LOG.warn(
                      "order "
                          + reference[0]
                          + " cannot be sent to ConvertKit and is skipped: "
                          + e.getMessage());
                  added.clear();
                  return null;
                }
              }
            });
    if (event == null) {
      if (reference[0] != null) rememberPublished(reference[0]);
      return null;
    }
    // The purchase first: an added line never reaches Kit before the order it was added to.
    PublishResult r = publisher.publish(event);
    rememberPublished(event.reference());
    for (StoreEvent line : added) {
      PublishResult lr = publisher.publish(line);
      published.put(line.eventKey(), Boolean.TRUE);
      if (lr.isAccepted()) {
        LOG.info(
            "order "
                + line.reference()
                + ": a line added after the submit published as Product Added to Order ("
                + lr.plannedActions()
                + " actions)");
        if (!r.isAccepted()) r = lr;
      }
    }
    if (r.isAccepted()) {
      if (event.isTest()) {
        LOG.info(
            "order "
                + event.reference()
                + " was paid with a test payment: published as a test event ("
                + r.plannedActions()
                + " actions)");
      } else if (LOG.isDebugEnabled()) {
        LOG.debug("order " + event.reference() + " published: " + r);
      }
    }
    return r;
  }
}

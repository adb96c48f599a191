package com.ckengine.broadleaf.order;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.InvalidEventException;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.broadleaf.HookThread;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.order.domain.Order;
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
 */
public class OrderPurchases implements DisposableBean {
  private static final Log LOG = LogFactory.getLog(OrderPurchases.class);

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
    try {
      if (!enabled || orderId == null) return;
      if (orderNumber != null && published.containsKey(orderNumber)) return;
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
                }
              },
              publishDelayMillis);
      if (!queued) {
        LOG.warn("order publish queue full; the order sweep will publish order id " + orderId);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not queue order id " + orderId + " for publishing", e);
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
                  return OrderEvents.purchase(order, testPayments);
                } catch (InvalidEventException e) {
                  LOG.warn(
                      "order "
                          + reference[0]
                          + " cannot be sent to ConvertKit and is skipped: "
                          + e.getMessage());
                  return null;
                }
              }
            });
    if (event == null) {
      if (reference[0] != null) rememberPublished(reference[0]);
      return null;
    }
    PublishResult r = publisher.publish(event);
    rememberPublished(event.reference());
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

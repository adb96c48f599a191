package com.ckengine.broadleaf.prospect;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.HookThread;
import com.ckengine.broadleaf.order.OrderEvents;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Prospect Created (cart abandonment): a cart that has an email address and products is a prospect.
 * Its event is published when the cart's email or contents change (the engine delays its actions by
 * {@code ckengine.prospect.delayMinutes}); the previous prospect of the same cart is cancelled.
 * When the cart is bought its prospects are cancelled; and whatever this process misses (a crash, a
 * purchase under another cart, a purchase racing the delivery), the {@link ProspectGuard} catches
 * when the action comes due.
 *
 * <p>Nothing is read on the request thread: the listener hands over the cart's id, and a background
 * thread looks at the cart once it has settled ({@link #setSettleMillis}, 1 s by default), in a
 * read-only transaction of its own. A checkout saves its cart several times within one request
 * (items, email, payment, submit): they come to one look, made after the request, so the store's
 * request neither waits for it nor competes with it for the order's tables.
 */
public class Prospects implements DisposableBean {
  private static final Log LOG = LogFactory.getLog(Prospects.class);

  /** The last prospect reference published per cart id. */
  private final Map<Long, String> current =
      Collections.synchronizedMap(
          new LinkedHashMap<Long, String>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
              return size() > 50000;
            }
          });

  /** Carts with a look scheduled: later saves of the same cart join it. */
  private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();

  private EventPublisher publisher;
  private OrderService orderService;
  private TransactionTemplate readTx;
  private long settleMillis = 1000;
  private volatile boolean enabled = true;
  private final HookThread thread = new HookThread("ckengine-prospects");

  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  public void setOrderService(OrderService orderService) {
    this.orderService = orderService;
  }

  /** Broadleaf's {@code blTransactionManager}; carts are read in a new read-only transaction. */
  public void setTransactionManager(PlatformTransactionManager tm) {
    this.readTx = HookThread.readOnlyTransaction(tm);
  }

  /** How long after a save the cart is looked at; default 1000 ms. */
  public void setSettleMillis(long millis) {
    this.settleMillis = Math.max(0, millis);
  }

  /** {@code ckengine.prospect.enabled}; default true. Off: carts are not watched. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public void start() {
    thread.start();
  }

  @Override
  public void destroy() {
    thread.stop();
  }

  /** A cart (IN_PROCESS order) was saved: look at it once it settled. Request thread; cheap. */
  public void cartSaved(Order cart) {
    final Long id = cart.getId();
    if (!enabled || id == null || !scheduled.add(id)) return;
    if (!schedule(
        () -> {
          scheduled.remove(id);
          look(id);
        })) {
      scheduled.remove(id);
    }
  }

  /** An order was submitted: its cart is no longer a prospect. Request thread; cheap. */
  public void bought(Order order) {
    final Long id = order.getId();
    if (!enabled || id == null) return;
    schedule(() -> cancelBought(id));
  }

  /** Publishes the cart's prospect if its email or contents changed since the last one. */
  private void look(final Long cartId) {
    final String[] previous = new String[1];
    final StoreEvent.Builder event =
        readTx.execute(
            status -> {
              Order cart = orderService.findOrderById(cartId);
              if (cart == null || cart.getStatus() == null) return null;
              if (!"IN_PROCESS".equals(cart.getStatus().getType())) return null; // bought meanwhile
              String email = OrderEvents.email(cart);
              if (email == null || cart.getOrderItems() == null || cart.getOrderItems().isEmpty())
                return null;
              String reference = ProspectRefs.reference(cart);
              previous[0] = current.get(cartId);
              if (reference.equals(previous[0])) return null;
              try {
                StoreEvent.Builder b =
                    StoreEvent.builder()
                        .trigger(Trigger.PROSPECT_CREATED)
                        .occurredAtMillis(System.currentTimeMillis())
                        .email(email)
                        .firstName(
                            cart.getCustomer() == null ? null : cart.getCustomer().getFirstName())
                        .reference(reference)
                        .eventKey("prospect:" + reference.substring(ProspectRefs.PREFIX.length()))
                        .currency(OrderEvents.currency(cart))
                        .lines(OrderEvents.lines(cart));
                b.build();
                return b;
              } catch (RuntimeException e) {
                if (LOG.isDebugEnabled()) LOG.debug("cart " + cartId + " is no prospect: " + e);
                return null;
              }
            });
    if (event == null) return;
    StoreEvent e = event.build();
    current.put(cartId, e.reference());
    if (previous[0] != null) publisher.cancel(Trigger.PROSPECT_CREATED, previous[0]);
    PublishResult r = publisher.publish(e);
    if (!r.isAccepted() && previous[0] != null) {
      // The cart went back to an earlier state (A, B, A): that state's key was used and its
      // actions cancelled, so it needs a key of its own now.
      r =
          publisher.publish(
              event.eventKey(e.eventKey() + ":" + System.currentTimeMillis()).build());
    }
    if (LOG.isDebugEnabled()) LOG.debug("prospect " + e.reference() + " published: " + r);
  }

  /**
   * Cancels the prospects of a bought cart: the last one published, and one for its final state.
   */
  private void cancelBought(final Long orderId) {
    String last = current.remove(orderId);
    String now =
        readTx.execute(
            status -> {
              Order order = orderService.findOrderById(orderId);
              return order == null || OrderEvents.email(order) == null
                  ? null
                  : ProspectRefs.reference(order);
            });
    int n = 0;
    if (last != null) n += publisher.cancel(Trigger.PROSPECT_CREATED, last);
    if (now != null && !now.equals(last)) n += publisher.cancel(Trigger.PROSPECT_CREATED, now);
    if (n > 0 && LOG.isDebugEnabled()) {
      LOG.debug("cart " + orderId + " was bought: " + n + " prospect actions cancelled");
    }
  }

  /** Runs {@code work} on the prospects thread after the settle time; false when not accepted. */
  private boolean schedule(final Runnable work) {
    boolean queued =
        thread.schedule(
            () -> {
              try {
                work.run();
              } catch (RuntimeException e) {
                LOG.warn("prospect not recorded: " + e);
              }
            },
            settleMillis);
    if (!queued) LOG.warn("prospect queue full or stopped; a cart was not looked at");
    return queued;
  }
}

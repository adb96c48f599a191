package com.ckengine.broadleaf.prospect;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.order.OrderEvents;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.springframework.beans.factory.DisposableBean;

/**
 * Prospect Created (cart abandonment): a cart that has an email address and products is a prospect.
 * Its event is published when the cart's email or contents change (the engine delays its actions by
 * {@code ckengine.prospect.delayMinutes}); the previous prospect of the same cart is cancelled.
 * When the cart is bought its prospects are cancelled; and whatever this process misses (a crash, a
 * purchase under another cart, a purchase racing the delivery), the {@link ProspectGuard} catches
 * when the action comes due.
 *
 * <p>The listener calls this on the request thread; the event is built there from the cart already
 * in memory, and published on a background thread.
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

  private EventPublisher publisher;
  private volatile boolean enabled = true;
  private ThreadPoolExecutor executor;

  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  /** {@code ckengine.prospect.enabled}; default true. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public synchronized void start() {
    if (executor != null) return;
    executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<Runnable>(10000),
            r -> {
              Thread t = new Thread(r, "ckengine-prospects");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public synchronized void destroy() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  /** A cart (IN_PROCESS order) was saved: publish a prospect if its email or contents changed. */
  public void cartSaved(Order cart) {
    if (!enabled || cart.getId() == null) return;
    String email = OrderEvents.email(cart);
    if (email == null || cart.getOrderItems() == null || cart.getOrderItems().isEmpty()) return;
    final String reference = ProspectRefs.reference(cart);
    final String previous = current.get(cart.getId());
    if (reference.equals(previous)) return;
    final StoreEvent.Builder event;
    try {
      event =
          StoreEvent.builder()
              .trigger(Trigger.PROSPECT_CREATED)
              .occurredAtMillis(System.currentTimeMillis())
              .email(email)
              .firstName(cart.getCustomer() == null ? null : cart.getCustomer().getFirstName())
              .reference(reference)
              .eventKey("prospect:" + reference.substring(ProspectRefs.PREFIX.length()))
              .currency(OrderEvents.currency(cart))
              .lines(OrderEvents.lines(cart));
      event.build();
    } catch (RuntimeException e) {
      if (LOG.isDebugEnabled()) LOG.debug("cart " + cart.getId() + " is no prospect: " + e);
      return;
    }
    current.put(cart.getId(), reference);
    submit(
        () -> {
          if (previous != null) publisher.cancel(Trigger.PROSPECT_CREATED, previous);
          StoreEvent e = event.build();
          PublishResult r = publisher.publish(e);
          if (!r.isAccepted() && previous != null) {
            // The cart went back to an earlier state (A, B, A): that state's key was used and its
            // actions cancelled, so it needs a key of its own now.
            r =
                publisher.publish(
                    event.eventKey(e.eventKey() + ":" + System.currentTimeMillis()).build());
          }
          if (LOG.isDebugEnabled()) LOG.debug("prospect " + reference + " published: " + r);
        });
  }

  /** An order was submitted: its cart is no longer a prospect. */
  public void bought(Order order) {
    if (order.getId() == null) return;
    final String last = current.remove(order.getId());
    final String now = OrderEvents.email(order) == null ? null : ProspectRefs.reference(order);
    if (last == null && now == null) return;
    submit(
        () -> {
          int n = 0;
          if (last != null) n += publisher.cancel(Trigger.PROSPECT_CREATED, last);
          if (now != null && !now.equals(last))
            n += publisher.cancel(Trigger.PROSPECT_CREATED, now);
          if (n > 0 && LOG.isDebugEnabled()) {
            LOG.debug(
                "cart " + order.getId() + " was bought: " + n + " prospect actions cancelled");
          }
        });
  }

  private void submit(final Runnable work) {
    ThreadPoolExecutor ex = executor;
    if (ex == null) return;
    try {
      ex.execute(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              LOG.warn("prospect not recorded: " + e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn("prospect queue full; a prospect was dropped");
    }
  }
}

package com.ckengine.engine;

import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.UnstoredEventEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Events a host published that could not be stored ({@code CK_UNSTORED_EVENT}). One such event must
 * not hold up the others: the publisher writes the failure down here (in a transaction of its own)
 * and says so ({@link EventNotStoredException#isRecorded()}), so a host's catch-up sweep passes it
 * and goes on with later events. The operator sees these rows, with the reason, on the Integration
 * Setup page and in Logs; {@link #requestRetry} puts one first in line for the host's next sweep,
 * which reads the order or refund again and publishes it, and records each try that did not store
 * it ({@link #tried}). A row goes when its event is stored.
 */
public final class UnstoredEvents {
  private static final Log LOG = LogFactory.getLog(UnstoredEvents.class);

  static final String ALL = "select u from UnstoredEventEntity u order by u.lastTriedAt desc";

  /** Retry requests first, then the ones tried longest ago. */
  static final String TO_RETRY =
      "select u from UnstoredEventEntity u where u.trigger in (:triggers) "
          + "order by case when u.retryRequestedAt is null then 1 else 0 end, u.lastTriedAt, "
          + "u.eventKey";

  static final String FORGET = "delete from UnstoredEventEntity u where u.eventKey = :key";

  private final Jpa jpa;
  private final Clock clock;

  UnstoredEvents(Jpa jpa, Clock clock) {
    this.jpa = jpa;
    this.clock = clock;
  }

  /** Every event waiting to be stored, most recently tried first. */
  public List<UnstoredEvent> list() {
    return jpa.tx(em -> view(em.createQuery(ALL, UnstoredEventEntity.class).getResultList()));
  }

  /**
   * The events of these triggers a host should publish again now: retry requests first, then the
   * ones tried longest ago, at most {@code max}.
   */
  public List<UnstoredEvent> toRetry(Collection<Trigger> triggers, int max) {
    if (triggers.isEmpty()) return new ArrayList<UnstoredEvent>();
    return jpa.tx(
        em ->
            view(
                em.createQuery(TO_RETRY, UnstoredEventEntity.class)
                    .setParameter("triggers", triggers)
                    .setMaxResults(max)
                    .getResultList()));
  }

  /**
   * The operator's Retry: the host's next sweep reads the order or refund again and publishes it
   * before anything else waiting here.
   *
   * @return false when the event is no longer waiting (stored meanwhile)
   */
  public boolean requestRetry(String eventKey) {
    return jpa.tx(
        em -> {
          UnstoredEventEntity u = em.find(UnstoredEventEntity.class, eventKey);
          if (u == null) return false;
          u.requestRetry(clock.millis());
          return true;
        });
  }

  /**
   * A host's try that did not store the event without the database refusing it (its order is gone,
   * or could not be read): counts as a try like a refusal, with {@code reason}, so the event goes
   * behind the others waiting and those get their turn at the host's next sweep. Serves a pending
   * retry request.
   *
   * @return false when the event is no longer waiting (stored or dismissed meanwhile)
   */
  public boolean tried(String eventKey, String reason) {
    return jpa.tx(
        em -> {
          UnstoredEventEntity u = em.find(UnstoredEventEntity.class, eventKey);
          if (u == null) return false;
          u.failedAgain(reason, clock.millis());
          return true;
        });
  }

  /**
   * The operator's Dismiss: forgets an event that will never be stored, because what it reported is
   * gone (the order was deleted). The caller checks that; the sweeps have nothing left to read.
   *
   * @return false when the event was not waiting (stored or dismissed meanwhile)
   */
  public boolean dismiss(String eventKey) {
    boolean gone =
        jpa.tx(em -> em.createQuery(FORGET).setParameter("key", eventKey).executeUpdate() > 0);
    if (gone) LOG.info("event " + eventKey + " that could not be stored was dismissed");
    return gone;
  }

  /**
   * Writes down that {@code event} could not be stored, in a transaction of its own, and returns
   * the exception for the publisher to throw: recorded, or not when the database refused this too.
   */
  EventNotStoredException failed(StoreEvent event, RuntimeException cause) {
    String reason = reason(cause);
    boolean recorded;
    try {
      jpa.tx(
          em -> {
            long now = clock.millis();
            UnstoredEventEntity u = em.find(UnstoredEventEntity.class, event.eventKey());
            if (u != null) {
              u.failedAgain(reason, now);
              return null;
            }
            // Filled before persist: the insert takes the values the row has at this point.
            u = new UnstoredEventEntity(event.eventKey(), event.trigger(), event.reference(), now);
            u.setEmailLc(event.email().toLowerCase(Locale.ROOT));
            u.failedAgain(reason, now);
            em.persist(u);
            return null;
          });
      recorded = true;
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      recorded = false;
    }
    LOG.warn(
        "event "
            + event.eventKey()
            + " ("
            + event.trigger().displayName()
            + ", "
            + event.reference()
            + ") could not be stored: "
            + reason
            + (recorded
                ? "; shown on the Integration Setup page and in Logs, and published again later"
                : "; the failure could not be recorded either"));
    return new EventNotStoredException(event.eventKey(), reason, recorded, cause);
  }

  /** Forgets an event's failures, in the caller's transaction: it is stored now. */
  static void stored(EntityManager em, String eventKey) {
    em.createQuery(FORGET).setParameter("key", eventKey).executeUpdate();
  }

  /** The innermost message: the database's own words, e.g. which column refused the value. */
  static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m.trim());
  }

  static List<UnstoredEvent> view(List<UnstoredEventEntity> rows) {
    List<UnstoredEvent> out = new ArrayList<UnstoredEvent>(rows.size());
    for (UnstoredEventEntity u : rows) {
      out.add(
          new UnstoredEvent(
              u.getEventKey(),
              u.getTrigger(),
              u.getReference(),
              u.getReason(),
              Instant.ofEpochMilli(u.getFirstTriedAt()),
              Instant.ofEpochMilli(u.getLastTriedAt()),
              u.getAttempts(),
              u.getRetryRequestedAt() == null
                  ? null
                  : Instant.ofEpochMilli(u.getRetryRequestedAt())));
    }
    return out;
  }
}

package com.ckengine.engine;

import com.ckengine.engine.store.DeliveryLeaseEntity;
import com.ckengine.engine.store.Jpa;
import java.time.Clock;
import java.util.Date;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

/**
 * Per-integration delivery leases ({@code CK_DELIVERY_LEASE}): one node at a time delivers an
 * integration's actions, so all calls made with one API key go through one process's rate limiter.
 * Every change is a conditional UPDATE (or the insert of the first row, which the primary key lets
 * only one node win), so it works the same on any database.
 *
 * <p>When a node runs out of work it does not hand the lease back at once: it keeps it until one
 * rate-limit window after its last call. A node taking over then starts with an empty window in
 * Kit, just as its own limiter starts empty.
 */
final class Leases {
  private final Jpa jpa;
  private final Clock clock;
  private final String node;
  private final long leaseMillis;

  Leases(Jpa jpa, Clock clock, String node, long leaseMillis) {
    this.jpa = jpa;
    this.clock = clock;
    this.node = node;
    this.leaseMillis = leaseMillis;
  }

  /**
   * Takes or renews the lease of {@code integrationId}; returns its expiry, or 0 if another node
   * holds it.
   */
  long acquire(final long integrationId) {
    final long now = clock.millis();
    final long until = now + leaseMillis;
    int n =
        jpa.tx(
            new Jpa.Work<Integer>() {
              @Override
              public Integer run(EntityManager em) {
                return em.createQuery(
                        "update DeliveryLeaseEntity l set l.owner = :me, l.leaseUntil = :u "
                            + "where l.integrationId = :i and (l.owner = :me or l.leaseUntil < :now)")
                    .setParameter("me", node)
                    .setParameter("u", new Date(until))
                    .setParameter("i", integrationId)
                    .setParameter("now", new Date(now))
                    .executeUpdate();
              }
            });
    if (n == 1) return until;
    try {
      boolean inserted =
          jpa.tx(
              new Jpa.Work<Boolean>() {
                @Override
                public Boolean run(EntityManager em) {
                  if (em.find(DeliveryLeaseEntity.class, integrationId) != null) return false;
                  em.persist(new DeliveryLeaseEntity(integrationId, node, new Date(until)));
                  em.flush();
                  return true;
                }
              });
      return inserted ? until : 0;
    } catch (PersistenceException e) {
      return 0; // another node inserted the row first
    }
  }

  /** Extends a lease this node holds; returns the new expiry, or 0 when it was lost. */
  long renew(final long integrationId) {
    final long until = clock.millis() + leaseMillis;
    int n =
        jpa.tx(
            new Jpa.Work<Integer>() {
              @Override
              public Integer run(EntityManager em) {
                return em.createQuery(
                        "update DeliveryLeaseEntity l set l.leaseUntil = :u "
                            + "where l.integrationId = :i and l.owner = :me")
                    .setParameter("u", new Date(until))
                    .setParameter("i", integrationId)
                    .setParameter("me", node)
                    .executeUpdate();
              }
            });
    return n == 1 ? until : 0;
  }

  /** Keeps the lease until {@code quietUntil} only (the end of the last call's rate window). */
  void park(final long integrationId, final long quietUntil) {
    jpa.tx(
        new Jpa.Work<Integer>() {
          @Override
          public Integer run(EntityManager em) {
            return em.createQuery(
                    "update DeliveryLeaseEntity l set l.leaseUntil = :u "
                        + "where l.integrationId = :i and l.owner = :me")
                .setParameter("u", new Date(quietUntil))
                .setParameter("i", integrationId)
                .setParameter("me", node)
                .executeUpdate();
          }
        });
  }
}

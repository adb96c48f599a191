package com.ckengine.engine;

import com.ckengine.engine.store.DeliveryLeaseEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.RecentCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

/**
 * Per-integration delivery leases ({@code CK_DELIVERY_LEASE}; this is the only class that reads or
 * writes its rows): one engine at a time delivers an integration's actions, so every call made with
 * one Kit account's secret goes through one process's rate limiter (connecting one Kit account
 * twice is refused, so an integration is an account). Every change is a conditional UPDATE, or the
 * insert of the first row, which the primary key lets only one node win.
 *
 * <p>The owner is the node id plus this engine's incarnation (random per start): a node restarted
 * under the same id is a new owner with an empty rate limiter, so it waits for its old lease to run
 * out instead of taking it back while Kit's window still holds the old calls.
 *
 * <p>Handing back. A lease is kept until one rate window after the last call this engine made with
 * it, in any drain: a drain that made no call (its first action found this process's limiter spent
 * and parked the integration) does not hand the lease back early, or another node would call with
 * an empty limiter into a window that still holds our calls.
 *
 * <p>Carried calls. Connecting a new Kit account spends the whole window of the admin node's
 * limiter (nobody delivers a key no integration holds). The new integration's lease row is written
 * with those requests still in Kit's window ({@link #carry}): free to take at once, and whoever
 * takes it while they are in the window counts them in its own limiter before its first call
 * ({@link Lease#countCarriedCalls}), so a node that starts delivering right away keeps Kit's limit
 * with them, and waits for nothing.
 *
 * <p>Sizing. A lease is renewed before every Kit call unless at least {@code callBudget + window}
 * of it remains, where the call budget is the longest one call can take (its permit wait and its
 * timeouts). So a lease never ends while a call is in flight, and never less than one rate window
 * after the last call began: whoever takes it over next starts with an empty window in Kit, as its
 * limiter does.
 */
final class Leases {
  static final String TAKE =
      "update DeliveryLeaseEntity l set l.owner = :me, l.leaseUntil = :until "
          + "where l.integrationId = :integration and (l.owner = :me or l.leaseUntil < :now)";

  static final String RENEW =
      "update DeliveryLeaseEntity l set l.leaseUntil = :until "
          + "where l.integrationId = :integration and l.owner = :me";

  /** Keeps the lease only until the end of the last call's rate window. */
  static final String HOLD_UNTIL =
      "update DeliveryLeaseEntity l set l.leaseUntil = :until "
          + "where l.integrationId = :integration and l.owner = :me";

  /** An operator's call takes a lease only when nobody holds it. */
  static final String TAKE_FREE =
      "update DeliveryLeaseEntity l set l.owner = :me, l.leaseUntil = :until "
          + "where l.integrationId = :integration and l.leaseUntil < :now";

  static final String OWNER_UNTIL =
      "select l.owner, l.leaseUntil, l.carriedCalls, l.carriedUntil from DeliveryLeaseEntity l "
          + "where l.integrationId = :integration";

  /** The requests a lease row carries that are still in Kit's window. */
  static final String CARRIED =
      "select l.carriedCalls, l.carriedUntil from DeliveryLeaseEntity l "
          + "where l.integrationId = :integration and l.carriedCalls > 0 and l.carriedUntil > :now";

  /** After an operator's call: one window after it, unless a drain of this engine renewed it. */
  static final String HOLD_OPERATOR_LEASE =
      "update DeliveryLeaseEntity l set l.leaseUntil = :until "
          + "where l.integrationId = :integration and l.owner = :me and l.leaseUntil = :taken";

  /** A lease this engine holds, made to last at least until {@code until} (never shortened). */
  static final String EXTEND_MINE =
      "update DeliveryLeaseEntity l set l.leaseUntil = :until "
          + "where l.integrationId = :integration and l.owner = :me and l.leaseUntil < :until";

  /** A deleted integration's lease. */
  static final String DELETE =
      "delete from DeliveryLeaseEntity l where l.integrationId = :integration";

  private final Jpa jpa;
  private final Clock clock;
  private final String owner;
  private final long leaseMillis;
  private final long keepMillis;
  private final long windowMillis;

  /** Per integration: until when Kit's window still holds a call this engine made. */
  private final Map<Long, Long> quietUntil = new ConcurrentHashMap<Long, Long>();

  /**
   * @param callBudgetMillis the longest one Kit call can take (permit wait and timeouts)
   * @param windowMillis Kit's rate window
   */
  Leases(
      Jpa jpa,
      Clock clock,
      String owner,
      long leaseMillis,
      long callBudgetMillis,
      long windowMillis) {
    long keepMillis = callBudgetMillis + windowMillis;
    if (leaseMillis <= keepMillis) {
      throw new IllegalArgumentException(
          "leaseDuration must exceed the longest Kit call plus Kit's rate window ("
              + keepMillis
              + " ms)");
    }
    this.jpa = jpa;
    this.clock = clock;
    this.owner = owner;
    this.leaseMillis = leaseMillis;
    this.keepMillis = keepMillis;
    this.windowMillis = windowMillis;
  }

  String owner() {
    return owner;
  }

  /** Takes or renews the lease of {@code integrationId}; null when another owner holds it. */
  Lease acquire(long integrationId) {
    long now = clock.millis();
    long until = now + leaseMillis;
    Lease taken =
        jpa.tx(
            em -> {
              int n =
                  em.createQuery(TAKE)
                      .setParameter("me", owner)
                      .setParameter("until", until)
                      .setParameter("integration", integrationId)
                      .setParameter("now", now)
                      .executeUpdate();
              return n == 1
                  ? new Lease(integrationId, until, false, carried(em, integrationId, now))
                  : null;
            });
    if (taken != null) return taken;
    try {
      boolean inserted =
          jpa.tx(
              em -> {
                if (em.find(DeliveryLeaseEntity.class, integrationId) != null) return false;
                em.persist(new DeliveryLeaseEntity(integrationId, owner, until));
                em.flush();
                return true;
              });
      return inserted ? new Lease(integrationId, until) : null; // a first row carries nothing
    } catch (PersistenceException e) {
      return null; // another node inserted the row first
    }
  }

  /**
   * Makes sure {@code lease} and {@code claim} still cover a Kit call about to be made for the
   * claimed action: when less than the call budget plus one rate window remains of the lease,
   * renews it and extends the claim with it, in one transaction; when only the claim is that short
   * (the lease was renewed by a call of another action in flight), extends the claim to the lease.
   * Several calls of one drain may come here at once.
   *
   * @return false when the lease was lost (another owner took it): stop at once
   */
  boolean coverNextCall(Lease lease, Claim claim) {
    if (lease.until - clock.millis() < keepMillis) {
      // One renewal at a time per lease, so the row only ever moves forward.
      synchronized (lease) {
        long now = clock.millis();
        if (lease.until - now < keepMillis) {
          long until = now + leaseMillis;
          boolean renewed =
              jpa.tx(
                  em -> {
                    int n =
                        em.createQuery(RENEW)
                            .setParameter("until", until)
                            .setParameter("integration", lease.integrationId)
                            .setParameter("me", owner)
                            .executeUpdate();
                    if (n != 1) return false;
                    if (claim != null) ActionStore.extendClaim(em, claim, until);
                    return true;
                  });
          if (!renewed) return false;
          lease.until = until;
          if (claim != null) claim.claimedUntil = until;
          return true;
        }
      }
    }
    // The lease was renewed for a call of another action in flight: bring this claim up to it.
    if (claim != null && claim.claimedUntil - clock.millis() < keepMillis) {
      long until = lease.until;
      jpa.tx(em -> ActionStore.extendClaim(em, claim, until));
      claim.claimedUntil = until;
    }
    return true;
  }

  /** How long a claim taken under {@code lease} may last: as long as the lease. */
  long claimUntil(Lease lease) {
    return lease.until;
  }

  /**
   * Ends a drain: keeps the lease until one rate window after the last call this engine made with
   * it ({@code lastCallEndedAt} of this drain, 0 when it made none, or of an earlier drain), so no
   * other node starts calling with an empty limiter while Kit's window holds our calls. When that
   * window has passed, the lease is handed back at once.
   */
  void hold(Lease lease, long lastCallEndedAt) {
    long now = clock.millis();
    long quiet =
        lastCallEndedAt > 0
            ? quietUntil.merge(lease.integrationId, lastCallEndedAt + windowMillis, Math::max)
            : quietUntil.getOrDefault(lease.integrationId, 0L);
    if (quiet <= now) quietUntil.remove(lease.integrationId, quiet);
    long until = quiet > now ? quiet : now - 1;
    jpa.tx(
        em ->
            em.createQuery(HOLD_UNTIL)
                .setParameter("until", until)
                .setParameter("integration", lease.integrationId)
                .setParameter("me", owner)
                .executeUpdate());
  }

  /**
   * For an operator's Kit call beyond the operator's share of the window: the lease when this
   * engine holds it already (its calls and its drains' go through one limiter), or takes it now
   * because nobody holds it (nobody delivers the integration at the moment); null when another
   * engine holds it. A lease taken here lasts the call and one window after it ({@link
   * #afterOperatorCall}); this engine's own drain may take it over meanwhile.
   */
  Lease forOperator(long integrationId) {
    long now = clock.millis();
    long until = now + keepMillis;
    Lease taken =
        jpa.tx(
            em -> {
              int n =
                  em.createQuery(TAKE_FREE)
                      .setParameter("me", owner)
                      .setParameter("until", until)
                      .setParameter("integration", integrationId)
                      .setParameter("now", now)
                      .executeUpdate();
              return n == 1
                  ? new Lease(integrationId, until, true, carried(em, integrationId, now))
                  : null;
            });
    if (taken != null) return taken;
    Object[] row =
        jpa.tx(
            em -> {
              java.util.List<?> r =
                  em.createQuery(OWNER_UNTIL)
                      .setParameter("integration", integrationId)
                      .getResultList();
              return r.isEmpty() ? null : (Object[]) r.get(0);
            });
    if (row == null) {
      Lease first = acquire(integrationId); // no row yet: the insert only one node wins
      return first == null ? null : new Lease(integrationId, first.until, true, first.carried());
    }
    boolean mine = owner.equals(row[0]) && ((Number) row[1]).longValue() > now;
    if (!mine) return null;
    long carriedUntil = ((Number) row[3]).longValue();
    long[] carried =
        carriedUntil > now
            ? new long[] {((Number) row[2]).longValue(), carriedUntil}
            : NONE_CARRIED;
    return new Lease(integrationId, ((Number) row[1]).longValue(), false, carried);
  }

  private static final long[] NONE_CARRIED = {0, 0};

  /** {@code {requests, until}} the lease row carries still in Kit's window at {@code now}. */
  private static long[] carried(EntityManager em, long integrationId, long now) {
    java.util.List<?> rows =
        em.createQuery(CARRIED)
            .setParameter("integration", integrationId)
            .setParameter("now", now)
            .getResultList();
    if (rows.isEmpty()) return NONE_CARRIED;
    Object[] row = (Object[]) rows.get(0);
    return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
  }

  /**
   * Writes the lease row of a newly connected integration, in the caller's transaction: free to
   * take at once, carrying {@code calls}, the requests connecting made with its key through this
   * process's whole window (read from this process's limiter at {@code now}), for whoever takes it
   * while they are still in Kit's window.
   */
  void carry(EntityManager em, long integrationId, RecentCalls calls, long now) {
    long until = calls.isNone() ? 0 : now + calls.leftInWindow().toMillis();
    em.persist(new DeliveryLeaseEntity(integrationId, owner, now - 1, calls.count(), until));
  }

  /**
   * An operator's call under {@code lease} ended at {@code callEndedAt}: a lease taken for it is
   * kept one window after the call, then handed back, unless a drain of this engine renewed it
   * meanwhile; a drain of this engine ending later keeps it that long too.
   */
  void afterOperatorCall(Lease lease, long callEndedAt) {
    long quiet = quietUntil.merge(lease.integrationId, callEndedAt + windowMillis, Math::max);
    // Taken for this call: hand it back one window after it (unless a drain of ours renewed it).
    // Held already (a drain of ours, or its hold): make it last one window after this call too.
    String update = lease.takenForOperator ? HOLD_OPERATOR_LEASE : EXTEND_MINE;
    jpa.tx(
        em -> {
          javax.persistence.Query q =
              em.createQuery(update)
                  .setParameter("until", quiet)
                  .setParameter("integration", lease.integrationId)
                  .setParameter("me", owner);
          if (lease.takenForOperator) q.setParameter("taken", lease.until);
          return q.executeUpdate();
        });
  }

  /** Deletes the lease row of a deleted integration, in the caller's transaction. */
  static void forget(EntityManager em, long integrationId) {
    em.createQuery(DELETE).setParameter("integration", integrationId).executeUpdate();
  }

  /** A lease this engine holds, and until when it knows it holds it. */
  static final class Lease {
    final long integrationId;
    volatile long until;

    /** Taken by an operator's call, not a drain: handed back one window after the call. */
    final boolean takenForOperator;

    /** Requests the row carried when taken (see {@link Leases}), in Kit's window until then. */
    private final int carriedCalls;

    private final long carriedUntil;

    Lease(long integrationId, long until) {
      this(integrationId, until, false, NONE_CARRIED);
    }

    Lease(long integrationId, long until, boolean takenForOperator, long[] carried) {
      this.integrationId = integrationId;
      this.until = until;
      this.takenForOperator = takenForOperator;
      this.carriedCalls = (int) carried[0];
      this.carriedUntil = carried[1];
    }

    long[] carried() {
      return new long[] {carriedCalls, carriedUntil};
    }

    /**
     * Counts the requests this lease carries in {@code kit}'s limiter for {@code secret}, while
     * they are still in Kit's window at {@code now}: before every call made under the lease (the
     * limiter counts them once however often it is told).
     */
    void countCarriedCalls(KitClient kit, KitCredential secret, long now) {
      if (carriedCalls == 0 || carriedUntil <= now) return;
      kit.countCallsMadeElsewhere(
          secret, RecentCalls.of(carriedCalls, Duration.ofMillis(carriedUntil - now)));
    }
  }
}

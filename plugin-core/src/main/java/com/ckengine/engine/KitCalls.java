package com.ckengine.engine;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The door every Kit call of a drain goes through, so that the two promises about calls have one
 * home: the lease covers the call (renewed first when needed; a lost lease stops the drain), and
 * this process's own rate limiter never turns into a failed attempt (a call that would wait too
 * long for its permit is not made: the action is handed back and the integration parked until the
 * permit is free).
 */
final class KitCalls {
  private final KitClient kit;
  private final Leases leases;
  private final Leases.Lease lease;
  private final Clock clock;
  private final long parkAboveMillis;
  private long lastCallEndedAt;
  private List<Claim> claims = Collections.emptyList();

  KitCalls(KitClient kit, Leases leases, Leases.Lease lease, Clock clock, long parkAboveMillis) {
    this.kit = kit;
    this.leases = leases;
    this.lease = lease;
    this.clock = clock;
    this.parkAboveMillis = parkAboveMillis;
  }

  KitClient kit() {
    return kit;
  }

  /** The action whose calls come next (its claim is extended with the lease). */
  void working(Claim claim) {
    this.claims = Collections.singletonList(claim);
  }

  /** The actions one bulk call serves (each claim is extended with the lease). */
  void working(List<Claim> claims) {
    this.claims = new ArrayList<Claim>(claims);
  }

  /**
   * Throws {@link Throttled} when a call made now with {@code secret} would wait longer than the
   * park threshold for its permit; checked before an action is claimed and before each call. The
   * requests the lease carries (connecting the account on another node, in this window) are counted
   * in the limiter first.
   */
  void requirePermitSoon(KitCredential secret) {
    lease.countCarriedCalls(kit, secret, clock.millis());
    Duration wait = kit.permitDelay(secret);
    if (wait.toMillis() > parkAboveMillis) throw new Throttled(clock.millis() + wait.toMillis());
  }

  /** Makes one Kit call with {@code secret}. */
  <T> KitResult<T> call(KitCredential secret, Function<KitCredential, KitResult<T>> call) {
    if (claims.isEmpty() && !leases.coverNextCall(lease, null)) throw new LeaseLost();
    for (Claim claim : claims) {
      if (!leases.coverNextCall(lease, claim)) throw new LeaseLost();
    }
    requirePermitSoon(secret);
    KitResult<T> r = call.apply(secret);
    if (r.outcome() == KitOutcome.THROTTLED) {
      Duration after = r.retryAfter() == null ? Duration.ofSeconds(1) : r.retryAfter();
      throw new Throttled(clock.millis() + after.toMillis());
    }
    lastCallEndedAt = clock.millis();
    return r;
  }

  /** When the last call made through here ended; 0 when none was made. */
  long lastCallEndedAt() {
    return lastCallEndedAt;
  }

  /** The lease is gone: another engine delivers this integration now. */
  static final class LeaseLost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseLost() {
      super("the delivery lease was lost", null, false, false);
    }
  }

  /** This process's limiter has no permit soon: park the integration until {@link #until}. */
  static final class Throttled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long until;

    Throttled(long until) {
      super("rate limit reached in this process", null, false, false);
      this.until = until;
    }
  }
}

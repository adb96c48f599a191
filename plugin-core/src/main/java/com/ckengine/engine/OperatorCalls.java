package com.ckengine.engine;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import java.time.Clock;
import java.util.function.BiFunction;

/**
 * The door of an operator's Kit calls (Verify, Refresh of the tags, a replaced secret), so that
 * they and delivery keep one budget per Kit key together, on any number of nodes:
 *
 * <ul>
 *   <li>while the share of each window kept for operators ({@link KitClient#forOperator()}) has a
 *       permit, the call uses it: delivery never spends that share;
 *   <li>beyond it, when no other engine delivers the integration (its lease is free, or this
 *       engine's), the call goes through the whole window of this process's limiter under the
 *       integration's lease, kept one window after the call, so whoever delivers next starts with
 *       Kit's window free of it: a burst of clicks while setting up is not held back;
 *   <li>when another engine holds the lease (it is delivering), the call waits for the share, as
 *       far as the client's bound allows, and otherwise says Kit is busy.
 * </ul>
 *
 * A key no integration holds yet (connecting a new account) is spent by nobody else: Kit's limit is
 * per key, so its calls go through the whole window.
 */
final class OperatorCalls {
  private final KitClient kit;
  private final Leases leases;
  private final Clock clock;

  OperatorCalls(KitClient kit, Leases leases, Clock clock) {
    this.kit = kit;
    this.leases = leases;
    this.clock = clock;
  }

  /**
   * Makes one call with {@code secret}, for integration {@code integrationId} (null: a key no
   * integration holds).
   */
  <T> KitResult<T> call(
      Long integrationId,
      KitCredential secret,
      BiFunction<KitClient, KitCredential, KitResult<T>> call) {
    KitClient share = kit.forOperator();
    // One limiter for every call; or a key no integration holds, which nobody else spends.
    if (share == kit || integrationId == null) return call.apply(kit, secret);
    if (share.permitDelay(secret).isZero()) return call.apply(share, secret);
    Leases.Lease lease = leases.forOperator(integrationId);
    if (lease == null) return call.apply(share, secret); // another engine delivers it now
    try {
      return call.apply(kit, secret);
    } finally {
      leases.afterOperatorCall(lease, clock.millis());
    }
  }
}

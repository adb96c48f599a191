package com.ckengine.engine;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import java.time.Clock;
import java.util.function.BiFunction;
import javax.persistence.EntityManager;

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
 * per key, so its calls go through the whole window, leaving the share to the clicks that follow.
 * When connect stores the integration, its lease row carries those requests ({@link
 * #carryToNewIntegration}): whoever takes the lease while they are in Kit's window, on any node,
 * counts them in its limiter first. So a node that starts delivering the new integration at once
 * keeps Kit's limit without waiting, and the operator's next clicks are not held back either.
 *
 * <p>Why not the share for connecting, nor the lease kept a window after it: connect's 2 or 3 calls
 * out of a share of 4 leave the operator's next clicks waiting for the share while another node
 * delivers (the admin's browser tests failed with it), and a lease kept on the admin node would
 * keep the storefront's first delivery waiting up to a window.
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
    lease.countCarriedCalls(kit, secret, clock.millis());
    try {
      return call.apply(kit, secret);
    } finally {
      leases.afterOperatorCall(lease, clock.millis());
    }
  }

  /**
   * Writes the lease row of integration {@code integrationId}, just connected with {@code secret},
   * in the caller's transaction: it carries the requests this process made with the key that are
   * still in Kit's window (connecting's, through the whole window), for whoever takes the lease.
   */
  void carryToNewIntegration(EntityManager em, long integrationId, KitCredential secret) {
    leases.carry(em, integrationId, kit.recentCalls(secret), clock.millis());
  }
}

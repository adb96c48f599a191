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
 *       engine's), the call takes whichever of the share and the whole window of this process's
 *       limiter gives a permit first; the whole window under the integration's lease, kept one
 *       window after the call, so whoever delivers next starts with Kit's window free of it. A
 *       burst of clicks while setting up is not held back, nor a click on the node that delivers
 *       (its delivery may have spent the whole window for most of a minute while the share frees in
 *       a moment);
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
    // Counting the lease's carried calls can only make the whole window later: when the share
    // gives a permit no later already, the lease is not needed.
    if (shareFirst(share, secret)) return call.apply(share, secret);
    Leases.Lease lease = leases.forOperator(integrationId);
    if (lease == null) return call.apply(share, secret); // another engine delivers it now
    lease.countCarriedCalls(kit, secret, clock.millis());
    try {
      return call.apply(shareFirst(share, secret) ? share : kit, secret);
    } finally {
      leases.afterOperatorCall(lease, clock.millis());
    }
  }

  /**
   * True when the share gives a permit no later than the whole window: on the node delivering the
   * integration, delivery may have spent the whole window for most of a minute while the share
   * frees in a moment, and a call sent through the whole window would wait past the client's bound
   * and be refused.
   */
  private boolean shareFirst(KitClient share, KitCredential secret) {
    return share.permitDelay(secret).compareTo(kit.permitDelay(secret)) <= 0;
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

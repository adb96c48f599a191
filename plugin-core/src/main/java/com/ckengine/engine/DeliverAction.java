package com.ckengine.engine;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.PlainText;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import java.time.Clock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers one action: claim it, hand it to its {@link ActionKind}, record what came of it. Nothing
 * else: which actions and when is the {@link DeliveryWorker}'s business; retries are the {@link
 * RetryPolicy}'s; every write of the row is the {@link ActionStore}'s.
 */
final class DeliverAction {
  private static final Log LOG = LogFactory.getLog(DeliverAction.class);

  static final String PRIMARY_EMAIL_NOTE =
      "this is the Kit account's own primary email address: "
          + "Kit ignores tags and purchases for it, so nothing will show in Kit";

  /** What became of one call to {@link #run}. */
  enum Result {
    /** Not claimable any more (taken, finished or cancelled meanwhile). */
    NOT_CLAIMED,
    /** Recorded; Kit was or was not called. */
    RECORDED,
    /** Kit refused the secret: the integration's other actions would be refused too. */
    SECRET_REFUSED
  }

  private final ActionStore store;
  private final IntegrationService integrations;
  private final SecretCipher cipher;
  private final RetryPolicy retries;
  private final DeliveryGuard guard;
  private final Clock clock;
  private final DeliveryParts parts;

  DeliverAction(
      ActionStore store,
      IntegrationService integrations,
      SecretCipher cipher,
      RetryPolicy retries,
      DeliveryGuard guard,
      Clock clock,
      TagResolver tags,
      PurchaseReconciler reconciler,
      FieldMappings fields) {
    this.store = store;
    this.integrations = integrations;
    this.cipher = cipher;
    this.retries = retries;
    this.guard = guard;
    this.clock = clock;
    this.parts = new DeliveryParts(store, tags, reconciler, fields);
  }

  /**
   * Claims, delivers and records action {@code actionId}.
   *
   * @throws KitCalls.Throttled when this process's limiter has no permit soon: the action was
   *     handed back unattempted (no attempt counted, same place in the queue)
   * @throws KitCalls.LeaseLost when the lease was lost: the action was handed back unattempted
   */
  Result run(long actionId, Leases leases, Leases.Lease lease, KitCalls calls) {
    Claim claim = store.claim(actionId, clock.millis(), leases.claimUntil(lease));
    if (claim == null) return Result.NOT_CLAIMED;
    calls.working(claim);
    Attempt attempt;
    try {
      attempt = attempt(claim, calls);
    } catch (KitCalls.Throttled | KitCalls.LeaseLost handBack) {
      store.release(claim);
      throw handBack;
    } catch (SecretCipher.SecretKeyException e) {
      // A configuration problem the operator can fix: keep retrying, say why.
      attempt = Attempt.retry(e.getMessage(), false).keepingDoubt(claim.inDoubt);
    } catch (RuntimeException e) {
      LOG.warn("delivering action " + actionId + " failed unexpectedly", e);
      attempt =
          Attempt.retry("unexpected error: " + e.getClass().getSimpleName(), false)
              .keepingDoubt(claim.inDoubt);
    }
    record(claim, attempt);
    return attempt.outcome == KitOutcome.BAD_CREDENTIALS ? Result.SECRET_REFUSED : Result.RECORDED;
  }

  private Attempt attempt(Claim c, KitCalls calls) {
    Attempt early = beforeKit(c);
    if (early != null) return early;
    KitCredential credential = integrations.credentialFor(c.integration);
    calls.requirePermitSoon(credential);
    Attempt a = handle(c, credential, calls);
    if (a.outcome == KitOutcome.BAD_CREDENTIALS) {
      // An OAuth access token Kit no longer takes (revoked, expired early): refreshed once, the
      // action goes again with the new one. A pasted credential is the operator's to replace.
      KitCredential refreshed = integrations.refreshedAfterRefusal(c.integration);
      if (refreshed != null) a = handle(c, refreshed, calls);
    }
    return a;
  }

  /**
   * What ends an action before any Kit call, or null when it goes to Kit: its integration was
   * deleted (skipped), or, for a delayed trigger, the host's guard objects (cancelled) or cannot
   * tell (retried). Shared with {@link DeliverTagBatch}.
   */
  Attempt beforeKit(Claim c) {
    if (c.integration == null) return Attempt.skip("the integration was deleted");
    if (c.action.getTrigger().isDelayed()) {
      String veto;
      try {
        veto =
            guard.vetoReason(
                c.action.getTrigger(),
                c.event.getReference(),
                c.event.getEmail(),
                EventRows.occurredAt(c.event));
      } catch (RuntimeException e) {
        LOG.warn("the store could not tell whether action " + c.actionId() + " still holds", e);
        return Attempt.retry("the store could not check the event: " + e, false);
      }
      if (veto != null) return Attempt.cancel(veto);
    }
    return null;
  }

  private Attempt handle(Claim c, KitCredential credential, KitCalls calls) {
    return ActionKinds.of(c.action.getAction()).deliver(c, credential, calls, parts);
  }

  /**
   * One line per outcome, under the documented levels (docs/operations.md, "Logging"): DEBUG for a
   * delivered or skipped action, WARN for a failed one or one to be retried, each naming the log
   * entry's id, trigger and integration. Kit's messages can quote the subscriber's email: it is
   * masked, so no full address reaches INFO or above.
   */
  private static void logOutcome(Claim c, ActionStore.Completion done, boolean mine) {
    String what =
        "action "
            + c.actionId()
            + " ("
            + c.action.getTrigger().displayName()
            + ", integration "
            + c.action.getIntegrationId()
            + ")";
    // Kit's message is text from outside: one line, and no customer's whole address.
    String message = PlainText.escaped(LogText.maskEmail(done.message, c.event.getEmail()));
    if (!mine) {
      LOG.warn(what + " was taken over by another worker; its outcome here is not recorded");
    } else if (done.status == ActionStatus.FAILED) {
      LOG.warn(what + " failed: " + message);
    } else if (done.status == ActionStatus.RETRYING) {
      LOG.warn(what + " failed this time, retried later: " + message);
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(
          what
              + " "
              + done.status.name().toLowerCase(java.util.Locale.ROOT)
              + " for "
              + c.event.getEmail()
              + ": "
              + done.message);
    }
  }

  /**
   * Writes an attempt's outcome to its row through the {@link ActionStore}, as the retry policy
   * decides it, and logs it; shared with {@link DeliverTagBatch} so a batch's actions are recorded
   * exactly as single ones.
   */
  void record(Claim c, Attempt a) {
    long now = clock.millis();
    boolean primary =
        c.integration != null
            && c.integration.getPrimaryEmail() != null
            && c.integration.getPrimaryEmail().equalsIgnoreCase(c.event.getEmail());
    // The integration is marked before the row: whoever sees this action FAILED for a refused
    // secret sees the integration waiting on the operator too.
    if (a.outcome == KitOutcome.BAD_CREDENTIALS && c.integration != null) {
      integrations.markNeedsAttention(
          c.integration.getId(),
          c.integration.getSecretVersion(),
          IntegrationService.refusedMessage(c.integration, a.message));
    }
    ActionStore.Completion done = retries.decide(c, a, now, primary ? PRIMARY_EMAIL_NOTE : null);
    boolean mine = store.complete(c, done, now);
    logOutcome(c, done, mine);
  }
}

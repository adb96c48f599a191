package com.ckengine.engine;

import com.ckengine.engine.ActionStore.Completion;
import com.ckengine.kit.KitOutcome;

/**
 * Turns an attempt into the action's next state: final outcomes as they are; a retryable failure
 * due again after the {@link Backoff} delay, until the retry horizon since the first attempt has
 * passed, then FAILED for the operator (who can retry it from the log). An action whose call Kit
 * answered 401 is held, not failed: it waits with the integration's other actions until the
 * operator replaces the secret, then goes by itself.
 */
final class RetryPolicy {
  static final String HELD_FOR_SECRET =
      "held: Kit refused the integration's API secret; it is sent once the secret is replaced "
          + "(Settings > Integrations)";

  private final Backoff backoff;
  private final long horizonMillis;

  RetryPolicy(Backoff backoff, long horizonMillis) {
    this.backoff = backoff;
    this.horizonMillis = horizonMillis;
  }

  Completion decide(Claim claim, Attempt a, long now, String note) {
    long due = claim.action.getDueAt();
    if (a.outcome == KitOutcome.BAD_CREDENTIALS) {
      // Due at once: the integration's NEEDS_ATTENTION status holds it, and a replaced secret
      // (even one replaced while this call was in flight) releases it.
      String held = a.message + " (" + HELD_FOR_SECRET + ")";
      return completion(ActionStatus.RETRYING, now, a, held, note, a.inDoubt);
    }
    switch (a.kind) {
      case DELIVERED:
        return completion(ActionStatus.DELIVERED, due, a, a.message, note, false);
      case SKIPPED:
        return completion(ActionStatus.SKIPPED, due, a, a.message, note, a.inDoubt);
      case CANCELLED:
        return completion(ActionStatus.CANCELLED, due, a, a.message, note, a.inDoubt);
      case FAILED:
        return completion(ActionStatus.FAILED, due, a, a.message, note, a.inDoubt);
      case RETRY:
        int attempts = claim.action.getAttempts();
        long delay = backoff.delayMillis(attempts);
        Long first = claim.action.getFirstAttemptAt();
        long since = first == null ? now : first;
        if (now + delay - since > horizonMillis) {
          String m = "gave up after " + attempts + " attempts: " + a.message;
          return completion(ActionStatus.FAILED, due, a, m, note, a.inDoubt);
        }
        return completion(ActionStatus.RETRYING, now + delay, a, a.message, note, a.inDoubt);
      default:
        throw new AssertionError(a.kind);
    }
  }

  private static Completion completion(
      ActionStatus status, long due, Attempt a, String message, String note, boolean inDoubt) {
    return new Completion(
        status,
        due,
        a.httpStatus,
        message,
        note,
        inDoubt,
        a.purchaseTransactionId,
        a.kitPurchaseId);
  }
}

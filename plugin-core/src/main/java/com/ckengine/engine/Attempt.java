package com.ckengine.engine;

import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;

/** What one delivery attempt of an action came to, as its handler saw it. Immutable. */
final class Attempt {
  enum Kind {
    DELIVERED,
    SKIPPED,
    FAILED,
    /** Worth trying again later (Kit down, Kit's 429, an unknown answer). */
    RETRY,
    CANCELLED
  }

  final Kind kind;
  final int httpStatus;
  final String message;

  /** Kit's answer to the last call made, or null when no call decided the attempt. */
  final KitOutcome outcome;

  /** The purchase may be in Kit without us knowing: reconcile before sending it again. */
  final boolean inDoubt;

  /** The transaction id of a purchase Kit has recorded (found or sent), else null. */
  final String purchaseTransactionId;

  final Long kitPurchaseId;

  private Attempt(
      Kind kind,
      int httpStatus,
      String message,
      KitOutcome outcome,
      boolean inDoubt,
      String purchaseTransactionId,
      Long kitPurchaseId) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.message = message;
    this.outcome = outcome;
    this.inDoubt = inDoubt;
    this.purchaseTransactionId = purchaseTransactionId;
    this.kitPurchaseId = kitPurchaseId;
  }

  /** The attempt decided by Kit's answer {@code r}. */
  static Attempt of(KitResult<?> r, String successMessage) {
    if (r.isSuccess()) {
      return new Attempt(
          Kind.DELIVERED, r.httpStatus(), successMessage, r.outcome(), false, null, null);
    }
    return new Attempt(
        r.isRetryable() ? Kind.RETRY : Kind.FAILED,
        r.httpStatus(),
        r.outcome() + ": " + r.message(),
        r.outcome(),
        false,
        null,
        null);
  }

  static Attempt delivered(int httpStatus, String message) {
    return new Attempt(Kind.DELIVERED, httpStatus, message, KitOutcome.SUCCESS, false, null, null);
  }

  /** Kit has the purchase (sent now, or found while reconciling). */
  static Attempt purchaseRecorded(
      int httpStatus, String message, String transactionId, long kitPurchaseId) {
    return new Attempt(
        Kind.DELIVERED,
        httpStatus,
        message,
        KitOutcome.SUCCESS,
        false,
        transactionId,
        kitPurchaseId);
  }

  /** A purchase was sent and the answer is unknown: it may be in Kit. */
  static Attempt purchaseInDoubt(KitResult<?> r) {
    return new Attempt(
        Kind.RETRY,
        r.httpStatus(),
        r.outcome()
            + ": "
            + r.message()
            + " (Kit may have recorded the purchase: it is looked up before any new send)",
        r.outcome(),
        true,
        null,
        null);
  }

  static Attempt skip(String why) {
    return new Attempt(Kind.SKIPPED, 0, why, null, false, null, null);
  }

  static Attempt fail(String why) {
    return new Attempt(Kind.FAILED, 0, why, null, false, null, null);
  }

  static Attempt retry(String why, boolean inDoubt) {
    return new Attempt(Kind.RETRY, 0, why, null, inDoubt, null, null);
  }

  static Attempt cancel(String why) {
    return new Attempt(Kind.CANCELLED, 0, why, null, false, null, null);
  }

  /** The same attempt, still in doubt (an unrelated failure must not clear an earlier doubt). */
  Attempt keepingDoubt(boolean doubt) {
    if (!doubt || inDoubt || kind == Kind.DELIVERED || kind == Kind.SKIPPED) return this;
    return new Attempt(
        kind, httpStatus, message, outcome, true, purchaseTransactionId, kitPurchaseId);
  }
}

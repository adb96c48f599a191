package com.ckengine.sandbox;

/** The failures the sandbox has been told to act out. Thread-safe. */
final class Faults {
  /** How a write is answered after the sandbox applied it (see {@link KitSandbox}). */
  enum Kind {
    /** An error status with Kit's body for it. */
    STATUS,
    /** 200 with a body that is not JSON. */
    UNREADABLE,
    /** The connection closed without an answer. */
    DROP,
    /** The answer held back by a delay, to make clients time out. */
    DELAY
  }

  private int failRemaining;
  private int failStatus;
  private final java.util.Map<Long, AccountFailure> accountFailures =
      new java.util.HashMap<Long, AccountFailure>();
  private long delayMillis;
  private int afterRemaining;
  private AfterApplying after;

  synchronized void failNext(int count, int status) {
    if (count < 0) throw new IllegalArgumentException("count");
    if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx/5xx");
    failRemaining = count;
    failStatus = status;
  }

  /**
   * The next {@code count} requests made for account {@code accountId} fail with {@code status}.
   */
  synchronized void failNextFor(long accountId, int count, int status) {
    failNextFor(accountId, count, status, null);
  }

  /**
   * Like {@link #failNextFor(long, int, int)}, answering {@code message} as Kit's {@code message}
   * (null for Kit's usual words for the status).
   */
  synchronized void failNextFor(long accountId, int count, int status, String message) {
    if (count < 0) throw new IllegalArgumentException("count");
    if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx/5xx");
    accountFailures.put(accountId, new AccountFailure(count, status, message));
  }

  synchronized void delay(long millis) {
    if (millis < 0) throw new IllegalArgumentException("delay");
    delayMillis = millis;
  }

  /** The next {@code count} writes are applied, then answered as {@code how} says. */
  synchronized void afterApplying(int count, AfterApplying how) {
    if (count < 0) throw new IllegalArgumentException("count");
    afterRemaining = count;
    after = how;
  }

  synchronized void clear() {
    failRemaining = 0;
    accountFailures.clear();
    delayMillis = 0;
    afterRemaining = 0;
  }

  /** The status to fail this request with, or 0 to serve it; counts the failure down. */
  synchronized int takeFailure() {
    if (failRemaining == 0) return 0;
    failRemaining--;
    return failStatus;
  }

  /**
   * Like {@link #takeFailure()}, for a request already known to be made for this account: the
   * failure to answer with, or null to serve it; counts it down.
   */
  synchronized AccountFailure takeFailureFor(long accountId) {
    AccountFailure pending = accountFailures.get(accountId);
    if (pending == null || pending.remaining == 0) return null;
    pending.remaining--;
    return pending;
  }

  synchronized long delayMillis() {
    return delayMillis;
  }

  /** How to answer a write just applied, or null to answer normally; counts it down. */
  synchronized AfterApplying takeAfterApplying() {
    if (afterRemaining == 0) return null;
    afterRemaining--;
    return after;
  }

  /** The failures waiting for one account: how many are left, their status and message. */
  static final class AccountFailure {
    private int remaining;
    final int status;

    /** Kit's {@code message} to answer; null for the usual one of the status. */
    final String message;

    AccountFailure(int remaining, int status, String message) {
      this.remaining = remaining;
      this.status = status;
      this.message = message;
    }
  }

  /** One way to answer a write after applying it. Immutable. */
  static final class AfterApplying {
    final Kind kind;
    final int status;
    final long delayMillis;

    AfterApplying(Kind kind, int status, long delayMillis) {
      if (kind == Kind.STATUS && (status < 400 || status > 599)) {
        throw new IllegalArgumentException("status must be 4xx/5xx");
      }
      if (delayMillis < 0) throw new IllegalArgumentException("delay");
      this.kind = kind;
      this.status = status;
      this.delayMillis = delayMillis;
    }
  }
}

package com.ckengine.kit;

import java.time.Duration;

/**
 * The result of one call to Kit: an {@link KitOutcome}, the value on success, the HTTP status (0
 * when no response came) and a message for people. Immutable.
 *
 * <p>The message is Kit's own message when Kit sent one, else a description of the failure. It
 * never contains the API secret: the client scrubs it before building a result.
 *
 * @param <T> the type of the value of a successful call
 */
public final class KitResult<T> {
  private final KitOutcome outcome;
  private final T value;
  private final int httpStatus;
  private final String message;
  private final Duration retryAfter;

  private KitResult(
      KitOutcome outcome, T value, int httpStatus, String message, Duration retryAfter) {
    this.outcome = outcome;
    this.value = value;
    this.httpStatus = httpStatus;
    this.message = message;
    this.retryAfter = retryAfter;
  }

  /** A successful result. */
  public static <T> KitResult<T> success(T value, int httpStatus) {
    if (value == null) throw new NullPointerException("value");
    return new KitResult<T>(KitOutcome.SUCCESS, value, httpStatus, "OK", null);
  }

  /**
   * A failed result; {@code outcome} must not be {@link KitOutcome#SUCCESS}. A {@link
   * KitOutcome#THROTTLED} made here has a {@link #retryAfter()} of zero; {@link #throttled} says
   * when.
   */
  public static <T> KitResult<T> failure(KitOutcome outcome, int httpStatus, String message) {
    if (outcome == null) throw new NullPointerException("outcome");
    if (outcome == KitOutcome.SUCCESS) {
      throw new IllegalArgumentException("a failure needs a failing outcome");
    }
    return new KitResult<T>(
        outcome,
        null,
        httpStatus,
        message == null ? "" : message,
        outcome == KitOutcome.THROTTLED ? Duration.ZERO : null);
  }

  /**
   * A {@link KitOutcome#THROTTLED} result: the client's limiter would have made the call wait
   * {@code retryAfter}, longer than it may wait; nothing was sent.
   */
  public static <T> KitResult<T> throttled(Duration retryAfter, String message) {
    if (retryAfter == null) throw new NullPointerException("retryAfter");
    if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter is negative");
    return new KitResult<T>(
        KitOutcome.THROTTLED, null, 0, message == null ? "" : message, retryAfter);
  }

  public KitOutcome outcome() {
    return outcome;
  }

  /**
   * The value of a successful call.
   *
   * @throws IllegalStateException if the call did not succeed (the message says why)
   */
  public T value() {
    if (value == null) {
      throw new IllegalStateException("no value: " + this);
    }
    return value;
  }

  /** The HTTP status Kit answered, or 0 when there was no HTTP response. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Kit's message, or a description of the failure; never the secret. */
  public String message() {
    return message;
  }

  /**
   * For {@link KitOutcome#THROTTLED}: how long until the limiter would have a permit for the secret
   * (never null). Null for every other outcome.
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  public boolean isSuccess() {
    return outcome == KitOutcome.SUCCESS;
  }

  /** Shortcut for {@code outcome().isRetryable()}. */
  public boolean isRetryable() {
    return outcome.isRetryable();
  }

  @Override
  public String toString() {
    return "KitResult{"
        + outcome
        + ", status="
        + httpStatus
        + (isSuccess() ? ", value=" + value : ", message=" + message)
        + (retryAfter == null ? "" : ", retryAfter=" + retryAfter)
        + "}";
  }
}

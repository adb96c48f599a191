package com.ckengine.kit;

import java.time.Duration;

/**
 * The requests of one operation that are sent one after another with one credential (v4's Add Tag:
 * the subscriber's upsert, then one request per tag), with a permit for each reserved together
 * before the first goes ({@link RateLimiter#reserve}). So the operation either has a permit for
 * every request, or sends none and is refused as throttled (the engine hands its action back to
 * wait, like any throttled one): the end of a window never cuts it after Kit answered some of its
 * requests, which would be sent again when the action goes again.
 *
 * <p>Each request takes the next permit ({@link KitTransport#send(RequestPlan, KitCall)}); closing
 * the plan gives back the permits of the requests it did not send (it stopped on Kit's answer),
 * their slots counted as used, as the limiter counts every permit granted and not sent. Made by
 * {@link KitTransport#plan}; used by one thread.
 */
final class RequestPlan implements AutoCloseable {
  final KitCredential credential;
  final RateLimiter limiter;

  /** The permits, or null when none were reserved ({@link #refusal} says why). */
  private final RateLimiter.Reservation reservation;

  private final KitResult<?> refusal;

  private RequestPlan(
      KitCredential credential,
      RateLimiter limiter,
      RateLimiter.Reservation reservation,
      KitResult<?> refusal) {
    this.credential = credential;
    this.limiter = limiter;
    this.reservation = reservation;
    this.refusal = refusal;
  }

  /** Reserves a permit for each of {@code requests} requests, or says why not. */
  static RequestPlan reserve(RateLimiter limiter, KitCredential credential, int requests) {
    RateLimiter.Reservation r;
    try {
      r = limiter.reserve(credential, requests);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RequestPlan(
          credential,
          limiter,
          null,
          KitResult.failure(
              KitOutcome.UNAVAILABLE,
              0,
              "interrupted while waiting for the rate limit; nothing sent"));
    }
    if (r.isGranted()) return new RequestPlan(credential, limiter, r, null);
    Duration wait = Duration.ofNanos(r.refusal().refusedWaitNanos());
    return new RequestPlan(
        credential,
        limiter,
        null,
        KitResult.throttled(
            wait,
            "rate limit of this "
                + KitTransport.name(credential)
                + " reached: the "
                + requests
                + " requests of this call need their permits together, the last in "
                + wait.toMillis()
                + " ms; nothing sent"));
  }

  /** Whether every request of the plan has its permit. */
  boolean isReserved() {
    return reservation != null;
  }

  /** Why no permit was reserved (throttled, or interrupted), as a result of the caller's type. */
  <T> KitResult<T> refusal() {
    if (refusal == null) throw new IllegalStateException("the plan's permits are reserved");
    return Subscribers.retyped(refusal);
  }

  /**
   * The permit of the next request, once its slot has come (see {@link RateLimiter.Reservation}).
   */
  RateLimiter.Permit nextPermit() throws InterruptedException {
    return reservation.take();
  }

  @Override
  public void close() {
    if (reservation != null) reservation.close();
  }
}

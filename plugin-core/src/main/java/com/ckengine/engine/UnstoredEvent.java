package com.ckengine.engine;

import com.ckengine.api.Trigger;
import java.time.Instant;

/**
 * An event that could not be stored, as the operator sees it: which one, why, since when, how often
 * it was tried, and whether a retry was asked for. Immutable.
 */
public final class UnstoredEvent {
  private final String eventKey;
  private final Trigger trigger;
  private final String reference;
  private final String reason;
  private final Instant firstTriedAt;
  private final Instant lastTriedAt;
  private final int attempts;
  private final Instant retryRequestedAt;

  UnstoredEvent(
      String eventKey,
      Trigger trigger,
      String reference,
      String reason,
      Instant firstTriedAt,
      Instant lastTriedAt,
      int attempts,
      Instant retryRequestedAt) {
    this.eventKey = eventKey;
    this.trigger = trigger;
    this.reference = reference;
    this.reason = reason;
    this.firstTriedAt = firstTriedAt;
    this.lastTriedAt = lastTriedAt;
    this.attempts = attempts;
    this.retryRequestedAt = retryRequestedAt;
  }

  public String eventKey() {
    return eventKey;
  }

  public Trigger trigger() {
    return trigger;
  }

  /** The order number or subscription id. */
  public String reference() {
    return reference;
  }

  /** The database's refusal, as the last try met it. */
  public String reason() {
    return reason;
  }

  public Instant firstTriedAt() {
    return firstTriedAt;
  }

  public Instant lastTriedAt() {
    return lastTriedAt;
  }

  public int attempts() {
    return attempts;
  }

  /** When the operator asked for a retry not yet made, or null. */
  public Instant retryRequestedAt() {
    return retryRequestedAt;
  }

  @Override
  public String toString() {
    return "UnstoredEvent{" + eventKey + ", " + attempts + " tries: " + reason + "}";
  }
}

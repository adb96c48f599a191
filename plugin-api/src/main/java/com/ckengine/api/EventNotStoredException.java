package com.ckengine.api;

/**
 * {@link EventPublisher#publish} could not store this event (the database refused the write, or was
 * unreachable). Nothing of the event was stored.
 *
 * <p>When {@link #isRecorded()}, the engine wrote the failure down durably (event key, reason,
 * first and last try, attempts): the operator sees it on the Integration Setup page and in Logs,
 * and the host may go on with its later events instead of waiting on this one; it publishes this
 * one again later (its catch-up sweep, or the operator's Retry). When not recorded, the database
 * could not even take that note, and the host should stop and try again from the same place.
 */
public class EventNotStoredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String eventKey;
  private final String reason;
  private final boolean recorded;

  public EventNotStoredException(
      String eventKey, String reason, boolean recorded, Throwable cause) {
    super(
        "event "
            + eventKey
            + " could not be stored: "
            + reason
            + (recorded
                ? " (recorded for the operator; published again later)"
                : " (the failure could not be recorded either)"),
        cause);
    this.eventKey = eventKey;
    this.reason = reason;
    this.recorded = recorded;
  }

  public String eventKey() {
    return eventKey;
  }

  /** Why the database refused the event, as the operator reads it. */
  public String reason() {
    return reason;
  }

  /** Whether the failure is written down durably, so the host may pass this event by. */
  public boolean isRecorded() {
    return recorded;
  }
}

package com.ckengine.api;

/**
 * What {@link EventPublisher#publish(StoreEvent)} did with an event: stored it with its planned
 * actions, or recognised its event key as already stored.
 */
public final class PublishResult {
  /** Whether the event was new. */
  public enum Status {
    /** Stored now, with {@link #plannedActions()} actions queued for delivery. */
    ACCEPTED,
    /** An event with the same key was stored before; nothing was stored this time. */
    DUPLICATE
  }

  private final Status status;
  private final long eventId;
  private final int plannedActions;

  private PublishResult(Status status, long eventId, int plannedActions) {
    this.status = status;
    this.eventId = eventId;
    this.plannedActions = plannedActions;
  }

  public static PublishResult accepted(long eventId, int plannedActions) {
    return new PublishResult(Status.ACCEPTED, eventId, plannedActions);
  }

  public static PublishResult duplicate(long eventId) {
    return new PublishResult(Status.DUPLICATE, eventId, 0);
  }

  public Status status() {
    return status;
  }

  public boolean isAccepted() {
    return status == Status.ACCEPTED;
  }

  /** The stored event's id (the earlier one for a duplicate); it keys the integration log. */
  public long eventId() {
    return eventId;
  }

  /** Actions queued for delivery now (0 when no rule matched, and for duplicates). */
  public int plannedActions() {
    return plannedActions;
  }

  @Override
  public String toString() {
    return "PublishResult{" + status + ", event=" + eventId + ", actions=" + plannedActions + "}";
  }
}

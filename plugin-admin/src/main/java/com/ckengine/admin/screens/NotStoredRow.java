package com.ckengine.admin.screens;

import com.ckengine.engine.UnstoredEvent;

/**
 * One event the database refused, as the Logs tab's "Not stored" section shows it. Every text is
 * data (the reason is the database's own words), printed escaped.
 */
public final class NotStoredRow {
  private final UnstoredEvent u;
  private final String nextTry;
  private final boolean orderGone;

  NotStoredRow(UnstoredEvent u, String nextTry, boolean orderGone) {
    this.u = u;
    this.nextTry = nextTry;
    this.orderGone = orderGone;
  }

  /**
   * True when the order the event reported no longer exists: no retry can store it, and the
   * operator may dismiss it.
   */
  public boolean isOrderGone() {
    return orderGone;
  }

  public String getEventKey() {
    return u.eventKey();
  }

  public String getTrigger() {
    return u.trigger().displayName();
  }

  /** The order number or subscription id. */
  public String getReference() {
    return u.reference();
  }

  public String getReason() {
    return u.reason();
  }

  public String getFirstTry() {
    return Times.format(u.firstTriedAt());
  }

  public String getLastTry() {
    return Times.format(u.lastTriedAt());
  }

  public int getAttempts() {
    return u.attempts();
  }

  public boolean isRetryRequested() {
    return u.retryRequestedAt() != null;
  }

  /** When the operator asked for the retry not yet made; null when not asked. */
  public String getRetryRequestedAt() {
    return Times.format(u.retryRequestedAt());
  }

  /** True when a sweep publishes this event again, so a Retry button makes sense. */
  public boolean isRetryable() {
    return nextTry != null && !orderGone;
  }

  /**
   * When it is tried again ("at the storefront's order sweep's next run, within 60 seconds"), or
   * what the operator has to do instead when no sweep takes it up.
   */
  public String getNextTry() {
    if (orderGone) {
      return "Order "
          + getReference()
          + " no longer exists, so this event cannot be stored: dismiss it";
    }
    return nextTry != null
        ? "Tried again " + nextTry
        : "No sweep publishes " + getTrigger() + " events again: the host must report it once more";
  }
}

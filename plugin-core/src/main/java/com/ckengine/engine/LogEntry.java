package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.Trigger;
import java.time.Instant;

/**
 * One row of the integration log: an action and its outcome, or an event no rule matched ({@link
 * #action()} null, status SKIPPED, note "no rule matched"). Immutable.
 */
public final class LogEntry {
  final long actionId;
  final long eventId;
  final Instant time;
  final Trigger trigger;
  final String ruleScope;
  final String ruleIds;
  final Long integrationId;
  final String integrationLabel;
  final String email;
  final String reference;
  final ActionType action;
  final String tags;
  final String target;
  final ActionStatus status;
  final int attempts;
  final Integer httpStatus;
  final String message;
  final String note;
  final boolean test;
  final Instant dueAt;
  final Instant finishedAt;
  final boolean inDoubt;
  final Long pastRunId;

  LogEntry(
      long actionId,
      long eventId,
      Instant time,
      Trigger trigger,
      String ruleScope,
      String ruleIds,
      Long integrationId,
      String integrationLabel,
      String email,
      String reference,
      ActionType action,
      String tags,
      String target,
      ActionStatus status,
      int attempts,
      Integer httpStatus,
      String message,
      String note,
      boolean test,
      Instant dueAt,
      Instant finishedAt,
      boolean inDoubt,
      Long pastRunId) {
    this.actionId = actionId;
    this.eventId = eventId;
    this.time = time;
    this.trigger = trigger;
    this.ruleScope = ruleScope;
    this.ruleIds = ruleIds;
    this.integrationId = integrationId;
    this.integrationLabel = integrationLabel;
    this.email = email;
    this.reference = reference;
    this.action = action;
    this.tags = tags;
    this.target = target;
    this.status = status;
    this.attempts = attempts;
    this.httpStatus = httpStatus;
    this.message = message;
    this.note = note;
    this.test = test;
    this.dueAt = dueAt;
    this.finishedAt = finishedAt;
    this.inDoubt = inDoubt;
    this.pastRunId = pastRunId;
  }

  /** The past-orders run that planned this action, or null for a live event's. */
  public Long pastRunId() {
    return pastRunId;
  }

  /** Whether "Apply to past orders" planned this action (Logs' "past orders" badge). */
  public boolean isFromPastOrders() {
    return pastRunId != null;
  }

  public long actionId() {
    return actionId;
  }

  public long eventId() {
    return eventId;
  }

  /** When the event was received. */
  public Instant time() {
    return time;
  }

  public Trigger trigger() {
    return trigger;
  }

  /** "global", "product 7", ...; null when no rule matched. */
  public String ruleScope() {
    return ruleScope;
  }

  /** Comma-separated ids of the rules behind the action, or null. */
  public String ruleIds() {
    return ruleIds;
  }

  public Long integrationId() {
    return integrationId;
  }

  /** The integration's label, or null when none (or deleted). */
  public String integrationLabel() {
    return integrationLabel;
  }

  public String email() {
    return email;
  }

  /** Order number or subscription id. */
  public String reference() {
    return reference;
  }

  /** Null when no rule matched. */
  public ActionType action() {
    return action;
  }

  /** Tag names, "a, b"; null for purchases. */
  public String tags() {
    return tags;
  }

  /** The name of the form or sequence an action subscribes to, else null. */
  public String target() {
    return target;
  }

  /**
   * What the action sends to Kit, as its kind words it ({@link ActionKind#sent}); never a secret.
   */
  public String sent() {
    if (action == null) return "Nothing: no rule matched this event.";
    return ActionKinds.has(action)
        ? ActionKinds.of(action).sent(this)
        : action.displayName() + " for " + email;
  }

  public ActionStatus status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }

  /** Kit's HTTP status of the last attempt, or null. */
  public Integer httpStatus() {
    return httpStatus;
  }

  /** Kit's message (or the engine's reason) of the last attempt, or null. */
  public String message() {
    return message;
  }

  /** A remark for the operator, or null. */
  public String note() {
    return note;
  }

  public boolean isTest() {
    return test;
  }

  /** When the next attempt is due (open actions). */
  public Instant dueAt() {
    return dueAt;
  }

  /** When the action reached a final status, or null. */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * An attempt ended without knowing whether Kit acted: for a purchase, Kit may have it, and it is
   * looked up before any new send.
   */
  public boolean inDoubt() {
    return inDoubt;
  }

  /**
   * A FAILED purchase in doubt (its look-up in Kit could not decide): the operator, having checked
   * Kit, may send it without a look-up ({@link IntegrationLog#sendAnyway}).
   */
  public boolean canSendAnyway() {
    return status == ActionStatus.FAILED && inDoubt && action == ActionType.ADD_PURCHASE;
  }

  @Override
  public String toString() {
    return "LogEntry{"
        + actionId
        + " "
        + trigger
        + " "
        + action
        + " ["
        + tags
        + "] "
        + status
        + " attempts="
        + attempts
        + (httpStatus == null ? "" : " http=" + httpStatus)
        + (message == null ? "" : " '" + message + "'")
        + (note == null ? "" : " note='" + note + "'")
        + (test ? " test" : "")
        + (inDoubt ? " in-doubt" : "")
        + "}";
  }
}

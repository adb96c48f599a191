package com.ckengine.admin.screens;

import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.LogEntry;

/** One entry of the integration log as the Logs tab shows it; every text is data, escaped. */
public final class LogRow {
  private final LogEntry e;

  LogRow(LogEntry e) {
    this.e = e;
  }

  public long getId() {
    return e.actionId();
  }

  public long getEventId() {
    return e.eventId();
  }

  public String getTime() {
    return Times.format(e.time());
  }

  public String getTrigger() {
    return e.trigger().displayName();
  }

  public String getEmail() {
    return e.email();
  }

  public String getReference() {
    return e.reference();
  }

  public String getIntegration() {
    if (e.integrationId() == null) return "";
    return e.integrationLabel() == null
        ? "(deleted integration #" + e.integrationId() + ")"
        : e.integrationLabel();
  }

  public String getAction() {
    return e.action() == null ? "(none)" : e.action().displayName();
  }

  /** The tags, or for Add Subscriber To Form / To Sequence the form or sequence by name. */
  public String getTags() {
    if (e.target() != null) return TargetNames.describe(e.action(), e.target());
    return e.tags() == null ? "" : e.tags();
  }

  public String getStatus() {
    return e.status().name();
  }

  public boolean isFailed() {
    return e.status() == ActionStatus.FAILED;
  }

  /**
   * A FAILED purchase Kit may or may not have (its look-up could not decide): the entry offers Send
   * anyway, for the operator who checked Kit and did not find it.
   */
  public boolean isSendAnyway() {
    return e.canSendAnyway();
  }

  public String getStatusClass() {
    switch (e.status()) {
      case DELIVERED:
        return "ck-ok";
      case FAILED:
        return "ck-attention";
      default:
        return "ck-muted";
    }
  }

  public int getAttempts() {
    return e.attempts();
  }

  public String getHttpStatus() {
    return e.httpStatus() == null ? "" : String.valueOf(e.httpStatus());
  }

  /** Kit's answer (or the engine's reason) of the last attempt. */
  public String getMessage() {
    return e.message() == null ? "" : e.message();
  }

  /**
   * Why the entry is SKIPPED, FAILED or CANCELLED, in the engine's words; for a FAILED entry
   * without one, what failing means for the operator.
   */
  public String getNote() {
    if (e.note() != null) return e.note();
    if (e.status() == ActionStatus.FAILED) {
      return "Kit refused this call or retries ran out, so it is not sent again by itself: "
          + "fix the cause (see Kit's answer), then Retry";
    }
    return "";
  }

  public String getRuleScope() {
    return e.ruleScope() == null ? "no rule matched" : e.ruleScope();
  }

  public String getRuleIds() {
    return e.ruleIds() == null ? "" : e.ruleIds();
  }

  /** Sent by a past-orders run (the Past Orders tab), not by the order's live event. */
  public boolean isFromPastOrders() {
    return e.isFromPastOrders();
  }

  /** The past-orders run that planned it, or null. */
  public Long getPastRunId() {
    return e.pastRunId();
  }

  public boolean isTest() {
    return e.isTest();
  }

  public String getDueAt() {
    return e.status().isOpen() ? Times.format(e.dueAt()) : "";
  }

  public String getFinishedAt() {
    return e.finishedAt() == null ? "" : Times.format(e.finishedAt());
  }

  /** What the action sends to Kit, without any secret (the secret is never part of an entry). */
  public String getSent() {
    return e.sent();
  }
}

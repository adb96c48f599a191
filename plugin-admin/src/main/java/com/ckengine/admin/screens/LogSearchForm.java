package com.ckengine.admin.screens;

/** The Logs tab's search fields, as typed (all optional). Dates are yyyy-MM-dd, UTC. */
public class LogSearchForm {
  private String email;
  private String reference;
  private String tag;
  private String status;
  private String trigger;
  private String action;
  private String integrationId;
  private String from;
  private String to;

  /** Where an entry comes from: blank (any), "live", "past" (past-orders runs), "run:<id>". */
  private String origin;

  /** Where the page starts (the log's cursor, from the Older link); blank for the newest. */
  private String after;

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  /** Order number or subscription id. */
  public String getReference() {
    return reference;
  }

  public void setReference(String reference) {
    this.reference = reference;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getTrigger() {
    return trigger;
  }

  public void setTrigger(String trigger) {
    this.trigger = trigger;
  }

  /** The action kind's stored name (ADD_TO_FORM...), or blank for any. */
  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(String integrationId) {
    this.integrationId = integrationId;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getAfter() {
    return after;
  }

  public void setAfter(String after) {
    this.after = after;
  }

  public String getOrigin() {
    return origin;
  }

  public void setOrigin(String origin) {
    this.origin = origin;
  }
}

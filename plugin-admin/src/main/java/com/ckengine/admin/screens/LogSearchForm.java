package com.ckengine.admin.screens;

/** The Logs tab's search fields, as typed (all optional). Dates are yyyy-MM-dd, UTC. */
public class LogSearchForm {
  private String email;
  private String reference;
  private String tag;
  private String status;
  private String trigger;
  private String integrationId;
  private String from;
  private String to;
  private int page;

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

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = Math.max(0, page);
  }
}

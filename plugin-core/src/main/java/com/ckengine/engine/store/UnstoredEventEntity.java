package com.ckengine.engine.store;

import com.ckengine.api.Trigger;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * An event a host published that could not be stored ({@code CK_UNSTORED_EVENT}), one row per event
 * key: why, when it was first and last tried, how often, and whether the operator asked for a
 * retry. The row goes when the event is stored. Times are UTC epoch milliseconds of the engine's
 * clock.
 */
@Entity
@Table(name = "CK_UNSTORED_EVENT")
public class UnstoredEventEntity {
  @Id
  @Column(name = "EVENT_KEY", nullable = false, length = 200)
  private String eventKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "TRIGGER_TYPE", nullable = false, length = 40)
  private Trigger trigger;

  /** The order number or subscription id, as in the event. */
  @Column(name = "REFERENCE", nullable = false, length = 100)
  private String reference;

  @Column(name = "REASON", nullable = false, length = 1000)
  private String reason;

  @Column(name = "FIRST_TRIED_AT", nullable = false)
  private long firstTriedAt;

  @Column(name = "LAST_TRIED_AT", nullable = false)
  private long lastTriedAt;

  @Column(name = "ATTEMPTS", nullable = false)
  private int attempts;

  /** When the operator pressed Retry; null once the next try happened. */
  @Column(name = "RETRY_REQUESTED_AT")
  private Long retryRequestedAt;

  /**
   * The customer's email, lower case: Logs' "Why?" names an event that could not be stored to the
   * operator searching that email. Null for a row written before the column existed.
   */
  @Column(name = "EMAIL_LC", length = 254)
  private String emailLc;

  protected UnstoredEventEntity() {}

  public UnstoredEventEntity(String eventKey, Trigger trigger, String reference, long now) {
    this.eventKey = eventKey;
    this.trigger = trigger;
    this.reference = reference;
    this.firstTriedAt = now;
  }

  /** One more failed try: its reason and time; a pending retry request is served by it. */
  public void failedAgain(String reason, long now) {
    this.reason = Columns.clip(reason, 1000);
    this.lastTriedAt = now;
    this.attempts++;
    this.retryRequestedAt = null;
  }

  public void requestRetry(long now) {
    this.retryRequestedAt = now;
  }

  public String getEmailLc() {
    return emailLc;
  }

  public void setEmailLc(String emailLc) {
    this.emailLc = emailLc;
  }

  public String getEventKey() {
    return eventKey;
  }

  public Trigger getTrigger() {
    return trigger;
  }

  public String getReference() {
    return reference;
  }

  public String getReason() {
    return reason;
  }

  public long getFirstTriedAt() {
    return firstTriedAt;
  }

  public long getLastTriedAt() {
    return lastTriedAt;
  }

  public int getAttempts() {
    return attempts;
  }

  public Long getRetryRequestedAt() {
    return retryRequestedAt;
  }
}

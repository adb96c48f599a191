package com.ckengine.subscription;

import com.ckengine.api.subscription.FactResult;
import java.math.BigDecimal;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * One reported fact and what was made of it ({@code CK_SUB_FACT}): applied with the triggers it
 * fired, or ignored with the reason. Duplicates are not recorded again. The charge id index is how
 * a charge reported twice is recognised.
 */
@Entity
@Table(name = "CK_SUB_FACT")
@org.hibernate.annotations.Table(
    appliesTo = "CK_SUB_FACT",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_SUB_FACT_SUB",
          columnNames = {"SUBSCRIPTION_ID"}),
      @org.hibernate.annotations.Index(
          name = "CK_SUB_FACT_CHARGE",
          columnNames = {"CHARGE_ID"})
    })
public class SubscriptionFactEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkSubFactId")
  @TableGenerator(
      name = "CkSubFactId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_SUB_FACT",
      allocationSize = 100)
  @Column(name = "ID")
  private Long id;

  @Column(name = "SUBSCRIPTION_ID", nullable = false, length = 100)
  private String subscriptionId;

  @Enumerated(EnumType.STRING)
  @Column(name = "KIND", nullable = false, length = 20)
  private FactKind kind;

  @Column(name = "CHARGE_ID", length = 200)
  private String chargeId;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "OCCURRED_AT", nullable = false)
  private Date occurredAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "RECEIVED_AT", nullable = false)
  private Date receivedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "OUTCOME", nullable = false, length = 20)
  private FactResult.Outcome outcome;

  /** The triggers fired, comma separated, or null. */
  @Column(name = "TRIGGERS", length = 255)
  private String triggers;

  @Column(name = "AMOUNT", precision = 19, scale = 4)
  private BigDecimal amount;

  /** The failure's reason, or who canceled. */
  @Column(name = "DETAIL", length = 255)
  private String detail;

  @Column(name = "NOTE", length = 255)
  private String note;

  public Long getId() {
    return id;
  }

  public String getSubscriptionId() {
    return subscriptionId;
  }

  public void setSubscriptionId(String subscriptionId) {
    this.subscriptionId = subscriptionId;
  }

  public FactKind getKind() {
    return kind;
  }

  public void setKind(FactKind kind) {
    this.kind = kind;
  }

  public String getChargeId() {
    return chargeId;
  }

  public void setChargeId(String chargeId) {
    this.chargeId = chargeId;
  }

  public Date getOccurredAt() {
    return occurredAt;
  }

  public void setOccurredAt(Date occurredAt) {
    this.occurredAt = occurredAt;
  }

  public Date getReceivedAt() {
    return receivedAt;
  }

  public void setReceivedAt(Date receivedAt) {
    this.receivedAt = receivedAt;
  }

  public FactResult.Outcome getOutcome() {
    return outcome;
  }

  public void setOutcome(FactResult.Outcome outcome) {
    this.outcome = outcome;
  }

  public String getTriggers() {
    return triggers;
  }

  public void setTriggers(String triggers) {
    this.triggers = triggers;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public void setAmount(BigDecimal amount) {
    this.amount = amount;
  }

  public String getDetail() {
    return detail;
  }

  public void setDetail(String detail) {
    this.detail = detail;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }
}

package com.ckengine.subscription;

import com.ckengine.api.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * One subscription and where it stands ({@code CK_SUB_SUBSCRIPTION}), keyed by the billing module's
 * subscription id. The columns are exactly what the trigger rules need: the current run of failures
 * (how many, when it began, whether the card was updated since), the newest success, start or
 * restart (older facts are stale), and counters that make the event keys of repeated cancels and
 * restarts distinct.
 */
@Entity
@Table(name = "CK_SUB_SUBSCRIPTION")
public class SubscriptionEntity {
  @Id
  @Column(name = "SUBSCRIPTION_ID", length = 100)
  private String id;

  @Column(name = "PRODUCT_ID", nullable = false)
  private long productId;

  @Column(name = "SKU", length = 255)
  private String sku;

  @Column(name = "PRODUCT_NAME", nullable = false, length = 255)
  private String productName;

  @Column(name = "PRICE", nullable = false, precision = 19, scale = 4)
  private BigDecimal price;

  @Column(name = "CURRENCY", nullable = false, length = 3)
  private String currency;

  @Column(name = "EMAIL", nullable = false, length = 254)
  private String email;

  @Column(name = "FIRST_NAME", length = 255)
  private String firstName;

  @Column(name = "ORIGIN_ORDER", length = 100)
  private String originOrder;

  @Column(name = "TEST_SUBSCRIPTION", nullable = false)
  private boolean test;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false, length = 20)
  private SubscriptionStatus status;

  @Column(name = "FAILURES_IN_ROW", nullable = false)
  private int failuresInRow;

  /** The card was updated after the current run of failures began. */
  @Column(name = "CARD_UPDATED_IN_RUN", nullable = false)
  private boolean cardUpdatedInRun;

  /** The first failure of the current run, or null when no charge is failing. */
  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "RUN_STARTED_AT")
  private Date runStartedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "LAST_FAILED_AT")
  private Date lastFailedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "LAST_CHARGED_AT")
  private Date lastChargedAt;

  /**
   * The charge that ended the last run of failures while no card update was known, or null: a card
   * update reported later but dated within that run (between {@link #unrecoveredRunStartedAt} and
   * {@link #unrecoveredChargedAt}) makes that charge a recovery after all.
   */
  @Column(name = "UNRECOVERED_CHARGE_ID", length = 200)
  private String unrecoveredChargeId;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "UNRECOVERED_RUN_STARTED_AT")
  private Date unrecoveredRunStartedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "UNRECOVERED_CHARGED_AT")
  private Date unrecoveredChargedAt;

  /** The start or the newest restart: facts older than it belong to an earlier life. */
  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "RESUMED_AT", nullable = false)
  private Date resumedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "ENDED_AT")
  private Date endedAt;

  /** How many times it ended (canceled or delinquent): numbers the Canceled event keys. */
  @Column(name = "END_COUNT", nullable = false)
  private int endCount;

  /** How many times it was restarted: numbers the Restarted event keys. */
  @Column(name = "RESTART_COUNT", nullable = false)
  private int restartCount;

  /**
   * Successful recurring charges (distinct charge ids, the order not counted): the first fires
   * Subscription Started, the plan's last Subscription Completed.
   */
  @Column(name = "CHARGE_COUNT", nullable = false)
  private int chargeCount;

  /** A payment plan's payments in all, the order being the first; null: no end. */
  @Column(name = "PLANNED_PAYMENTS")
  private Integer plannedPayments;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "STARTED_AT", nullable = false)
  private Date startedAt;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "UPDATED_AT", nullable = false)
  private Date updatedAt;

  /**
   * Bumped by the first statement of every fact's transaction: the row lock it takes makes facts
   * for one subscription apply one after the other, on every database and node.
   */
  @Column(name = "LOCK_TICK", nullable = false)
  private long lockTick;

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public long getProductId() {
    return productId;
  }

  public void setProductId(long productId) {
    this.productId = productId;
  }

  public String getSku() {
    return sku;
  }

  public void setSku(String sku) {
    this.sku = sku;
  }

  public String getProductName() {
    return productName;
  }

  public void setProductName(String productName) {
    this.productName = productName;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }

  public String getCurrency() {
    return currency;
  }

  public void setCurrency(String currency) {
    this.currency = currency;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getOriginOrder() {
    return originOrder;
  }

  public void setOriginOrder(String originOrder) {
    this.originOrder = originOrder;
  }

  public boolean isTest() {
    return test;
  }

  public void setTest(boolean test) {
    this.test = test;
  }

  public SubscriptionStatus getStatus() {
    return status;
  }

  public void setStatus(SubscriptionStatus status) {
    this.status = status;
  }

  public int getFailuresInRow() {
    return failuresInRow;
  }

  public void setFailuresInRow(int failuresInRow) {
    this.failuresInRow = failuresInRow;
  }

  public boolean isCardUpdatedInRun() {
    return cardUpdatedInRun;
  }

  public void setCardUpdatedInRun(boolean cardUpdatedInRun) {
    this.cardUpdatedInRun = cardUpdatedInRun;
  }

  public String getUnrecoveredChargeId() {
    return unrecoveredChargeId;
  }

  public Date getUnrecoveredRunStartedAt() {
    return unrecoveredRunStartedAt;
  }

  public Date getUnrecoveredChargedAt() {
    return unrecoveredChargedAt;
  }

  /** Remembers the charge that ended a run without a card update; nulls forget it. */
  public void setUnrecovered(String chargeId, Date runStartedAt, Date chargedAt) {
    this.unrecoveredChargeId = chargeId;
    this.unrecoveredRunStartedAt = runStartedAt;
    this.unrecoveredChargedAt = chargedAt;
  }

  public Date getRunStartedAt() {
    return runStartedAt;
  }

  public void setRunStartedAt(Date runStartedAt) {
    this.runStartedAt = runStartedAt;
  }

  public Date getLastFailedAt() {
    return lastFailedAt;
  }

  public void setLastFailedAt(Date lastFailedAt) {
    this.lastFailedAt = lastFailedAt;
  }

  public Date getLastChargedAt() {
    return lastChargedAt;
  }

  public void setLastChargedAt(Date lastChargedAt) {
    this.lastChargedAt = lastChargedAt;
  }

  public Date getResumedAt() {
    return resumedAt;
  }

  public void setResumedAt(Date resumedAt) {
    this.resumedAt = resumedAt;
  }

  public Date getEndedAt() {
    return endedAt;
  }

  public void setEndedAt(Date endedAt) {
    this.endedAt = endedAt;
  }

  public int getEndCount() {
    return endCount;
  }

  public void setEndCount(int endCount) {
    this.endCount = endCount;
  }

  public int getChargeCount() {
    return chargeCount;
  }

  public void setChargeCount(int chargeCount) {
    this.chargeCount = chargeCount;
  }

  public Integer getPlannedPayments() {
    return plannedPayments;
  }

  public void setPlannedPayments(Integer plannedPayments) {
    this.plannedPayments = plannedPayments;
  }

  /** True for a payment plan whose every payment (the order and the charges) was made. */
  public boolean isPlanPaid() {
    return plannedPayments != null && 1 + chargeCount >= plannedPayments;
  }

  public int getRestartCount() {
    return restartCount;
  }

  public void setRestartCount(int restartCount) {
    this.restartCount = restartCount;
  }

  public Date getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Date startedAt) {
    this.startedAt = startedAt;
  }

  public Date getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Date updatedAt) {
    this.updatedAt = updatedAt;
  }

  public long getLockTick() {
    return lockTick;
  }

  public void setLockTick(long lockTick) {
    this.lockTick = lockTick;
  }
}

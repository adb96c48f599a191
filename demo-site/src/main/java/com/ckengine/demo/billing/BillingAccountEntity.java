package com.ckengine.demo.billing;

import java.math.BigDecimal;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * What the demo's billing keeps per subscription ({@code CKDEMO_BILLING}): what to charge, when,
 * how many of the next charges the demo should make fail, and the number of the last charge (charge
 * ids are {@code <subscription id>-R<n>}). Where the subscription stands is the plugin's business,
 * not this table's.
 */
@Entity
@Table(name = "CKDEMO_BILLING")
public class BillingAccountEntity {
  @Id
  @Column(name = "SUBSCRIPTION_ID", length = 100)
  private String subscriptionId;

  @Column(name = "ORDER_NUMBER", length = 100)
  private String orderNumber;

  @Column(name = "PRODUCT_ID", nullable = false)
  private long productId;

  @Column(name = "SKU", length = 255)
  private String sku;

  @Column(name = "PRODUCT_NAME", nullable = false, length = 255)
  private String productName;

  @Column(name = "FIRST_NAME", length = 255)
  private String firstName;

  @Column(name = "EMAIL", nullable = false, length = 254)
  private String email;

  @Column(name = "PRICE", nullable = false, precision = 19, scale = 4)
  private BigDecimal price;

  @Column(name = "CURRENCY", nullable = false, length = 3)
  private String currency;

  /** Renewals run only while true: false after a cancel or delinquency, true again on restart. */
  @Column(name = "BILLING", nullable = false)
  private boolean billing;

  /** The start was reported to the plugin (else the job reports it again). */
  @Column(name = "START_REPORTED", nullable = false)
  private boolean startReported;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "NEXT_CHARGE_AT", nullable = false)
  private Date nextChargeAt;

  @Column(name = "FAIL_NEXT", nullable = false)
  private int failNext;

  @Column(name = "CHARGE_SEQ", nullable = false)
  private int chargeSeq;

  /** A payment plan's payments in all, the order being the first; null: renews until canceled. */
  @Column(name = "PLANNED_PAYMENTS")
  private Integer plannedPayments;

  @Column(name = "LAST_RESULT", length = 255)
  private String lastResult;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "CREATED_AT", nullable = false)
  private Date createdAt;

  public Integer getPlannedPayments() {
    return plannedPayments;
  }

  public void setPlannedPayments(Integer plannedPayments) {
    this.plannedPayments = plannedPayments;
  }

  public String getSubscriptionId() {
    return subscriptionId;
  }

  public void setSubscriptionId(String subscriptionId) {
    this.subscriptionId = subscriptionId;
  }

  public String getOrderNumber() {
    return orderNumber;
  }

  public void setOrderNumber(String orderNumber) {
    this.orderNumber = orderNumber;
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

  public String getFirstName() {
    return firstName;
  }

  public void setFirstName(String firstName) {
    this.firstName = firstName;
  }

  public String getProductName() {
    return productName;
  }

  public void setProductName(String productName) {
    this.productName = productName;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
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

  public boolean isBilling() {
    return billing;
  }

  public void setBilling(boolean billing) {
    this.billing = billing;
  }

  public boolean isStartReported() {
    return startReported;
  }

  public void setStartReported(boolean startReported) {
    this.startReported = startReported;
  }

  public Date getNextChargeAt() {
    return nextChargeAt;
  }

  public void setNextChargeAt(Date nextChargeAt) {
    this.nextChargeAt = nextChargeAt;
  }

  public int getFailNext() {
    return failNext;
  }

  public void setFailNext(int failNext) {
    this.failNext = failNext;
  }

  public int getChargeSeq() {
    return chargeSeq;
  }

  public void setChargeSeq(int chargeSeq) {
    this.chargeSeq = chargeSeq;
  }

  public String getLastResult() {
    return lastResult;
  }

  public void setLastResult(String lastResult) {
    this.lastResult = lastResult;
  }

  public Date getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Date createdAt) {
    this.createdAt = createdAt;
  }
}

package com.ckengine.api.subscription;

import java.math.BigDecimal;
import java.time.Instant;

/** A read-only snapshot of one subscription's state as the plugin keeps it. */
public final class SubscriptionView {
  private final String subscriptionId;
  private final long productId;
  private final String productName;
  private final BigDecimal price;
  private final String currency;
  private final String email;
  private final SubscriptionStatus status;
  private final int failuresInARow;
  private final boolean cardUpdatedSinceFailure;
  private final Instant startedAt;
  private final Instant lastChargedAt;
  private final int recurringCharges;
  private final Integer plannedPayments;

  /** A subscription without an end (no payment plan); see the full constructor. */
  public SubscriptionView(
      String subscriptionId,
      long productId,
      String productName,
      BigDecimal price,
      String currency,
      String email,
      SubscriptionStatus status,
      int failuresInARow,
      boolean cardUpdatedSinceFailure,
      Instant startedAt,
      Instant lastChargedAt) {
    this(
        subscriptionId,
        productId,
        productName,
        price,
        currency,
        email,
        status,
        failuresInARow,
        cardUpdatedSinceFailure,
        startedAt,
        lastChargedAt,
        0,
        null);
  }

  public SubscriptionView(
      String subscriptionId,
      long productId,
      String productName,
      BigDecimal price,
      String currency,
      String email,
      SubscriptionStatus status,
      int failuresInARow,
      boolean cardUpdatedSinceFailure,
      Instant startedAt,
      Instant lastChargedAt,
      int recurringCharges,
      Integer plannedPayments) {
    this.recurringCharges = recurringCharges;
    this.plannedPayments = plannedPayments;
    this.subscriptionId = subscriptionId;
    this.productId = productId;
    this.productName = productName;
    this.price = price;
    this.currency = currency;
    this.email = email;
    this.status = status;
    this.failuresInARow = failuresInARow;
    this.cardUpdatedSinceFailure = cardUpdatedSinceFailure;
    this.startedAt = startedAt;
    this.lastChargedAt = lastChargedAt;
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public long productId() {
    return productId;
  }

  public String productName() {
    return productName;
  }

  public BigDecimal price() {
    return price;
  }

  public String currency() {
    return currency;
  }

  public String email() {
    return email;
  }

  public SubscriptionStatus status() {
    return status;
  }

  /** Charges failed since the last success (or start, or restart). */
  public int failuresInARow() {
    return failuresInARow;
  }

  /** Whether the card was updated after the current run of failures began. */
  public boolean cardUpdatedSinceFailure() {
    return cardUpdatedSinceFailure;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** The newest successful renewal charge, or null. */
  public Instant lastChargedAt() {
    return lastChargedAt;
  }

  /** Successful recurring charges so far (distinct charge ids; the order is not one of them). */
  public int recurringCharges() {
    return recurringCharges;
  }

  /** A payment plan's payments in all, the order counting as the first; null without an end. */
  public Integer plannedPayments() {
    return plannedPayments;
  }

  /**
   * Payments made on a payment plan: the order plus the recurring charges (at most the plan's);
   * "payment 2 of 3" is {@code paymentsMade() == 2} of {@code plannedPayments() == 3}.
   */
  public int paymentsMade() {
    return 1 + recurringCharges;
  }

  @Override
  public String toString() {
    return "SubscriptionView{"
        + subscriptionId
        + ", "
        + status
        + ", failures="
        + failuresInARow
        + "}";
  }
}

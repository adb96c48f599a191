package com.ckengine.sandbox;

import java.math.BigDecimal;

/**
 * A purchase as the sandbox received it: the fields tests check most, and the whole purchase object
 * as JSON text for the rest. Amounts are exactly what was sent.
 */
public final class RecordedPurchase {
  private final long id;
  private final String transactionId;
  private final String emailAddress;
  private final String currency;
  private final BigDecimal total;
  private final String json;

  RecordedPurchase(
      long id,
      String transactionId,
      String emailAddress,
      String currency,
      BigDecimal total,
      String json) {
    this.id = id;
    this.transactionId = transactionId;
    this.emailAddress = emailAddress;
    this.currency = currency;
    this.total = total;
    this.json = json;
  }

  /** The id the sandbox gave the purchase (Kit's id). */
  public long id() {
    return id;
  }

  public String transactionId() {
    return transactionId;
  }

  public String emailAddress() {
    return emailAddress;
  }

  public String currency() {
    return currency;
  }

  /** The total as sent, or null when none was sent. */
  public BigDecimal total() {
    return total;
  }

  /** The purchase object as received (without the credentials). */
  public String json() {
    return json;
  }

  @Override
  public String toString() {
    return "RecordedPurchase{" + id + ", " + transactionId + ", " + emailAddress + "}";
  }
}

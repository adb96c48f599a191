package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private final String integration;
  private final String json;
  private final ObjectNode answer;

  RecordedPurchase(
      long id,
      String transactionId,
      String emailAddress,
      String currency,
      BigDecimal total,
      String integration,
      String json,
      ObjectNode answer) {
    this.id = id;
    this.transactionId = transactionId;
    this.emailAddress = emailAddress;
    this.currency = currency;
    this.total = total;
    this.integration = integration;
    this.json = json;
    this.answer = answer;
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

  /**
   * The purchase's {@code integration} field (the name Kit asks third-party integrations to send),
   * or null when none was sent.
   */
  public String integration() {
    return integration;
  }

  /** The purchase object as received (without the credentials). */
  public String json() {
    return json;
  }

  /** The purchase as Kit answers it (with its id); a copy. */
  ObjectNode answer() {
    return answer.deepCopy();
  }

  @Override
  public String toString() {
    return "RecordedPurchase{" + id + ", " + transactionId + ", " + emailAddress + "}";
  }
}

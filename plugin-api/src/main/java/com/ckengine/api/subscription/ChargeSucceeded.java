package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A renewal charge went through: money was taken. Its {@link #chargeId()} identifies it for good:
 * reporting the same charge id again is a no-op, and it is the transaction id of the purchase that
 * Add Purchase records in Kit. Immutable; validated when built.
 */
public final class ChargeSucceeded {
  private final String subscriptionId;
  private final String chargeId;
  private final BigDecimal amount;
  private final String currency;
  private final Instant chargedAt;

  private ChargeSucceeded(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.chargeId = b.chargeId;
    this.amount = b.amount;
    this.currency = b.currency;
    this.chargedAt = b.chargedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  /** The billing module's id of this charge, unique across all subscriptions. */
  public String chargeId() {
    return chargeId;
  }

  /** What was charged. */
  public BigDecimal amount() {
    return amount;
  }

  /** ISO 4217 code, or null for the subscription's own currency. */
  public String currency() {
    return currency;
  }

  public Instant chargedAt() {
    return chargedAt;
  }

  @Override
  public String toString() {
    return "ChargeSucceeded{" + subscriptionId + ", charge=" + chargeId + "}";
  }

  /** Builds a {@link ChargeSucceeded}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private String subscriptionId;
    private String chargeId;
    private BigDecimal amount;
    private String currency;
    private Instant chargedAt;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder chargeId(String chargeId) {
      this.chargeId = FactChecks.trimToNull(chargeId);
      return this;
    }

    public Builder amount(BigDecimal amount) {
      this.amount = amount;
      return this;
    }

    /** Optional: defaults to the subscription's currency. */
    public Builder currency(String currency) {
      this.currency = FactChecks.currencyCode(currency);
      return this;
    }

    public Builder chargedAt(Instant chargedAt) {
      this.chargedAt = chargedAt;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public ChargeSucceeded build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.chargeId(p, chargeId);
      FactChecks.required(p, "amount", amount);
      FactChecks.notNegative(p, "amount", amount);
      FactChecks.currency(p, currency);
      FactChecks.required(p, "chargedAt", chargedAt);
      if (!p.isEmpty()) throw new InvalidEventException("charge succeeded", p);
      return new ChargeSucceeded(this);
    }
  }
}

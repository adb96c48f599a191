package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A subscription began: who subscribed to which product at what price, and the order that bought
 * it. The first payment is that order's (Product Purchased); renewals are reported afterwards as
 * {@link ChargeSucceeded} or {@link ChargeFailed}. Immutable; validated when built.
 */
public final class SubscriptionStarted {
  private final String subscriptionId;
  private final long productId;
  private final String sku;
  private final String productName;
  private final BigDecimal price;
  private final String currency;
  private final String email;
  private final String firstName;
  private final String originOrderNumber;
  private final Instant startedAt;
  private final boolean test;
  private final Integer plannedPayments;

  private SubscriptionStarted(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.productId = b.productId;
    this.sku = b.sku;
    this.productName = b.productName;
    this.price = b.price;
    this.currency = b.currency;
    this.email = b.email;
    this.firstName = b.firstName;
    this.originOrderNumber = b.originOrderNumber;
    this.startedAt = b.startedAt;
    this.test = b.test;
    this.plannedPayments = b.plannedPayments;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The billing module's id of the subscription; the reference of every subscription event. */
  public String subscriptionId() {
    return subscriptionId;
  }

  /** The host's product id; product rules match on it. */
  public long productId() {
    return productId;
  }

  /** The SKU code, or null. */
  public String sku() {
    return sku;
  }

  public String productName() {
    return productName;
  }

  /** The price of one renewal, in {@link #currency()}. */
  public BigDecimal price() {
    return price;
  }

  /** ISO 4217 code, upper case. */
  public String currency() {
    return currency;
  }

  /** The subscriber's email address, trimmed. */
  public String email() {
    return email;
  }

  /** The subscriber's first name, or null. */
  public String firstName() {
    return firstName;
  }

  /** The number of the order that bought the subscription, or null. */
  public String originOrderNumber() {
    return originOrderNumber;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** True when bought with a test payment: its events are marked as test events. */
  public boolean isTest() {
    return test;
  }

  /**
   * For a payment plan, how many payments it has in all, the order that bought it counting as the
   * first (as SamCart's payment plans count the initial payment): a plan of 3 is the order plus 2
   * recurring charges, and the second of those completes it (Subscription Completed). Null for a
   * subscription that renews until canceled.
   */
  public Integer plannedPayments() {
    return plannedPayments;
  }

  /** Deliberately short: no email, since these strings end up in logs. */
  @Override
  public String toString() {
    return "SubscriptionStarted{" + subscriptionId + ", product=" + productId + "}";
  }

  /** Builds a {@link SubscriptionStarted}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private String subscriptionId;
    private Long productId;
    private String sku;
    private String productName;
    private BigDecimal price;
    private String currency;
    private String email;
    private String firstName;
    private String originOrderNumber;
    private Instant startedAt;
    private boolean test;
    private Integer plannedPayments;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder productId(long productId) {
      this.productId = productId;
      return this;
    }

    public Builder sku(String sku) {
      this.sku = FactChecks.trimToNull(sku);
      return this;
    }

    public Builder productName(String productName) {
      this.productName = FactChecks.trimToNull(productName);
      return this;
    }

    public Builder price(BigDecimal price) {
      this.price = price;
      return this;
    }

    /** An ISO 4217 code; case is ignored. */
    public Builder currency(String currency) {
      this.currency = FactChecks.currencyCode(currency);
      return this;
    }

    public Builder email(String email) {
      this.email = FactChecks.trimToNull(email);
      return this;
    }

    public Builder firstName(String firstName) {
      this.firstName = FactChecks.trimToNull(firstName);
      return this;
    }

    public Builder originOrderNumber(String orderNumber) {
      this.originOrderNumber = FactChecks.trimToNull(orderNumber);
      return this;
    }

    public Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    /**
     * A payment plan of {@code payments} payments in all, the order that bought it being the first
     * (at least 2); null (the default) for a subscription without an end.
     */
    public Builder plannedPayments(Integer payments) {
      this.plannedPayments = payments;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public SubscriptionStarted build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.required(p, "productId", productId);
      FactChecks.maxLength(p, "sku", sku, 255);
      FactChecks.required(p, "productName", productName);
      FactChecks.maxLength(p, "productName", productName, 255);
      FactChecks.required(p, "price", price);
      FactChecks.notNegative(p, "price", price);
      FactChecks.required(p, "currency", currency);
      FactChecks.currency(p, currency);
      FactChecks.email(p, email);
      FactChecks.maxLength(p, "firstName", firstName, 255);
      FactChecks.maxLength(p, "originOrderNumber", originOrderNumber, 100);
      FactChecks.required(p, "startedAt", startedAt);
      if (plannedPayments != null && plannedPayments < 2) {
        p.add(
            "plannedPayments must be at least 2 (the order is the first payment) or null (no end)");
      }
      if (!p.isEmpty()) throw new InvalidEventException("subscription started", p);
      return new SubscriptionStarted(this);
    }
  }
}

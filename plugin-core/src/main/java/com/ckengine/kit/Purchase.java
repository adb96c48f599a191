package com.ckengine.kit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A purchase to record in Kit: Kit's full v3 purchase object. Money is {@link BigDecimal} and is
 * written to Kit as a JSON number exactly as given (no binary floating point on the way). Optional
 * amounts are null when unknown and then left out of the request. Immutable; build with {@link
 * #builder()}.
 */
public final class Purchase {
  /** The only status Kit accepts. */
  public static final String STATUS_PAID = "paid";

  private final String transactionId;
  private final String emailAddress;
  private final String firstName;
  private final String currency;
  private final Instant transactionTime;
  private final BigDecimal subtotal;
  private final BigDecimal tax;
  private final BigDecimal shipping;
  private final BigDecimal discount;
  private final BigDecimal total;
  private final List<PurchaseLine> products;
  private final String integration;

  private Purchase(Builder b) {
    this.transactionId = b.transactionId;
    this.emailAddress = b.emailAddress;
    this.firstName = b.firstName;
    this.currency = b.currency;
    this.transactionTime = b.transactionTime;
    this.subtotal = b.subtotal;
    this.tax = b.tax;
    this.shipping = b.shipping;
    this.discount = b.discount;
    this.total = b.total;
    this.products = Collections.unmodifiableList(new ArrayList<PurchaseLine>(b.products));
    this.integration = b.integration;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String transactionId() {
    return transactionId;
  }

  public String emailAddress() {
    return emailAddress;
  }

  /** May be null. */
  public String firstName() {
    return firstName;
  }

  /** ISO 4217 code, upper case, e.g. {@code USD}. */
  public String currency() {
    return currency;
  }

  /** When the order was placed (may be in the past, e.g. for backfill); may be null. */
  public Instant transactionTime() {
    return transactionTime;
  }

  /** May be null. */
  public BigDecimal subtotal() {
    return subtotal;
  }

  /** May be null. */
  public BigDecimal tax() {
    return tax;
  }

  /** May be null. */
  public BigDecimal shipping() {
    return shipping;
  }

  /** May be null. */
  public BigDecimal discount() {
    return discount;
  }

  /** May be null. */
  public BigDecimal total() {
    return total;
  }

  /** Always {@link #STATUS_PAID}. */
  public String status() {
    return STATUS_PAID;
  }

  /** At least one line. */
  public List<PurchaseLine> products() {
    return products;
  }

  /**
   * The name of the integration that records the purchase, sent as {@code purchase.integration}
   * (Kit asks third-party integrations for it); null to leave it out.
   */
  public String integration() {
    return integration;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Purchase)) return false;
    Purchase that = (Purchase) o;
    return transactionId.equals(that.transactionId)
        && emailAddress.equals(that.emailAddress)
        && eq(firstName, that.firstName)
        && currency.equals(that.currency)
        && eq(transactionTime, that.transactionTime)
        && sameAmount(subtotal, that.subtotal)
        && sameAmount(tax, that.tax)
        && sameAmount(shipping, that.shipping)
        && sameAmount(discount, that.discount)
        && sameAmount(total, that.total)
        && products.equals(that.products)
        && eq(integration, that.integration);
  }

  @Override
  public int hashCode() {
    // Amounts compare by value (2.0 == 2.00), so they stay out of the hash.
    int h = transactionId.hashCode();
    h = h * 31 + emailAddress.hashCode();
    h = h * 31 + currency.hashCode();
    return h * 31 + products.hashCode();
  }

  @Override
  public String toString() {
    return "Purchase{"
        + transactionId
        + ", "
        + emailAddress
        + ", "
        + currency
        + " "
        + (total == null ? "?" : total.toPlainString())
        + ", "
        + products.size()
        + " line(s)}";
  }

  private static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }

  /** Builds a {@link Purchase}. */
  public static final class Builder {
    private String transactionId;
    private String emailAddress;
    private String firstName;
    private String currency;
    private Instant transactionTime;
    private BigDecimal subtotal;
    private BigDecimal tax;
    private BigDecimal shipping;
    private BigDecimal discount;
    private BigDecimal total;
    private final List<PurchaseLine> products = new ArrayList<PurchaseLine>();
    private String integration;

    private Builder() {}

    /**
     * The integration's name, sent as {@code purchase.integration}: Kit asks third-party
     * integrations to name themselves. Null or blank leaves it out.
     */
    public Builder integration(String name) {
      this.integration = name == null || name.trim().isEmpty() ? null : name.trim();
      return this;
    }

    public Builder transactionId(String transactionId) {
      this.transactionId = transactionId;
      return this;
    }

    public Builder emailAddress(String emailAddress) {
      this.emailAddress = emailAddress;
      return this;
    }

    public Builder firstName(String firstName) {
      this.firstName = firstName;
      return this;
    }

    public Builder currency(String currency) {
      this.currency = currency;
      return this;
    }

    public Builder transactionTime(Instant transactionTime) {
      this.transactionTime = transactionTime;
      return this;
    }

    public Builder subtotal(BigDecimal subtotal) {
      this.subtotal = subtotal;
      return this;
    }

    public Builder tax(BigDecimal tax) {
      this.tax = tax;
      return this;
    }

    public Builder shipping(BigDecimal shipping) {
      this.shipping = shipping;
      return this;
    }

    public Builder discount(BigDecimal discount) {
      this.discount = discount;
      return this;
    }

    public Builder total(BigDecimal total) {
      this.total = total;
      return this;
    }

    public Builder addProduct(PurchaseLine line) {
      if (line == null) throw new NullPointerException("line");
      products.add(line);
      return this;
    }

    public Builder products(Iterable<PurchaseLine> lines) {
      for (PurchaseLine line : lines) addProduct(line);
      return this;
    }

    /**
     * @throws IllegalArgumentException when a field Kit requires is missing: transaction id, email,
     *     a 3-letter currency, at least one product
     */
    public Purchase build() {
      if (transactionId == null || transactionId.trim().isEmpty()) {
        throw new IllegalArgumentException("transactionId is required");
      }
      if (emailAddress == null || emailAddress.trim().isEmpty()) {
        throw new IllegalArgumentException("emailAddress is required");
      }
      if (currency == null || !currency.matches("[A-Za-z]{3}")) {
        throw new IllegalArgumentException("currency must be a 3-letter code");
      }
      currency = currency.toUpperCase(java.util.Locale.ROOT);
      if (products.isEmpty())
        throw new IllegalArgumentException("at least one product is required");
      return new Purchase(this);
    }
  }
}

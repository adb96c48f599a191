package com.ckengine.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of an order, cart or subscription: which product, how many, at what price and in what
 * role. Immutable; validated when built.
 */
public final class EventLine {
  private final long productId;
  private final String sku;
  private final String name;
  private final int quantity;
  private final BigDecimal unitPrice;
  private final LineRole role;

  private EventLine(Builder b) {
    this.productId = b.productId == null ? 0 : b.productId;
    this.sku = b.sku;
    this.name = b.name;
    this.quantity = b.quantity;
    this.unitPrice = b.unitPrice;
    this.role = b.role;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The host's product id; product rules match on it. */
  public long productId() {
    return productId;
  }

  /** The SKU code, or null when the host has none. */
  public String sku() {
    return sku;
  }

  public String name() {
    return name;
  }

  public int quantity() {
    return quantity;
  }

  /** Price of one unit in the event's currency. */
  public BigDecimal unitPrice() {
    return unitPrice;
  }

  public LineRole role() {
    return role;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EventLine)) return false;
    EventLine l = (EventLine) o;
    return productId == l.productId
        && quantity == l.quantity
        && eq(sku, l.sku)
        && name.equals(l.name)
        && unitPrice.compareTo(l.unitPrice) == 0
        && role == l.role;
  }

  @Override
  public int hashCode() {
    return (int) (productId * 31 + quantity) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "EventLine{product="
        + productId
        + ", sku="
        + sku
        + ", name="
        + name
        + ", qty="
        + quantity
        + ", unitPrice="
        + unitPrice.toPlainString()
        + ", role="
        + role
        + "}";
  }

  private static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  /** Builds an {@link EventLine}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private Long productId;
    private String sku;
    private String name;
    private int quantity = 1;
    private BigDecimal unitPrice;
    private LineRole role = LineRole.PRIMARY;

    private Builder() {}

    public Builder productId(long productId) {
      this.productId = productId;
      return this;
    }

    public Builder sku(String sku) {
      this.sku = Checks.trimToNull(sku);
      return this;
    }

    public Builder name(String name) {
      this.name = Checks.trimToNull(name);
      return this;
    }

    /** Defaults to 1. */
    public Builder quantity(int quantity) {
      this.quantity = quantity;
      return this;
    }

    public Builder unitPrice(BigDecimal unitPrice) {
      this.unitPrice = unitPrice;
      return this;
    }

    /** Defaults to {@link LineRole#PRIMARY}. */
    public Builder role(LineRole role) {
      this.role = role;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public EventLine build() {
      List<String> problems = new ArrayList<String>();
      collectProblems(problems);
      if (!problems.isEmpty()) throw new InvalidEventException("event line", problems);
      return new EventLine(this);
    }

    private void collectProblems(List<String> problems) {
      if (productId == null) problems.add("productId is required");
      if (name == null) problems.add("name is required");
      Checks.maxLength(problems, "name", name, 255);
      Checks.maxLength(problems, "sku", sku, 255);
      if (quantity < 1) problems.add("quantity must be at least 1 (was " + quantity + ")");
      Checks.required(problems, "unitPrice", unitPrice);
      Checks.notNegative(problems, "unitPrice", unitPrice);
      Checks.required(problems, "role", role);
    }
  }
}

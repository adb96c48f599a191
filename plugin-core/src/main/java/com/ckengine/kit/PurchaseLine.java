package com.ckengine.kit;

import java.math.BigDecimal;

/**
 * One product line of a {@link Purchase}: Kit's {@code pid} (product id, shared by variants),
 * {@code lid} (line id), name, SKU, unit price and quantity. Immutable; build with {@link
 * #builder()}.
 */
public final class PurchaseLine {
  private final long pid;
  private final long lid;
  private final String name;
  private final String sku;
  private final BigDecimal unitPrice;
  private final int quantity;

  private PurchaseLine(Builder b) {
    this.pid = b.pid;
    this.lid = b.lid;
    this.name = b.name;
    this.sku = b.sku;
    this.unitPrice = b.unitPrice;
    this.quantity = b.quantity;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long pid() {
    return pid;
  }

  public long lid() {
    return lid;
  }

  public String name() {
    return name;
  }

  /** The SKU; Kit refuses a blank one, so it is never empty. */
  public String sku() {
    return sku;
  }

  public BigDecimal unitPrice() {
    return unitPrice;
  }

  public int quantity() {
    return quantity;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PurchaseLine)) return false;
    PurchaseLine that = (PurchaseLine) o;
    return pid == that.pid
        && lid == that.lid
        && name.equals(that.name)
        && sku.equals(that.sku)
        && unitPrice.compareTo(that.unitPrice) == 0
        && quantity == that.quantity;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(pid);
    h = h * 31 + Long.hashCode(lid);
    h = h * 31 + name.hashCode();
    h = h * 31 + sku.hashCode();
    h = h * 31 + unitPrice.stripTrailingZeros().hashCode();
    return h * 31 + quantity;
  }

  @Override
  public String toString() {
    return "PurchaseLine{"
        + pid
        + "/"
        + lid
        + ", "
        + sku
        + ", "
        + quantity
        + " x "
        + unitPrice.toPlainString()
        + "}";
  }

  /** Builds a {@link PurchaseLine}. */
  public static final class Builder {
    private long pid;
    private long lid;
    private String name;
    private String sku;
    private BigDecimal unitPrice;
    private int quantity = 1;

    private Builder() {}

    public Builder pid(long pid) {
      this.pid = pid;
      return this;
    }

    public Builder lid(long lid) {
      this.lid = lid;
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder sku(String sku) {
      this.sku = sku;
      return this;
    }

    public Builder unitPrice(BigDecimal unitPrice) {
      this.unitPrice = unitPrice;
      return this;
    }

    public Builder quantity(int quantity) {
      this.quantity = quantity;
      return this;
    }

    /**
     * @throws IllegalArgumentException when name, SKU or price is missing, or quantity < 1
     */
    public PurchaseLine build() {
      if (name == null || name.trim().isEmpty())
        throw new IllegalArgumentException("name is required");
      if (sku == null || sku.trim().isEmpty())
        throw new IllegalArgumentException("sku is required");
      if (unitPrice == null) throw new IllegalArgumentException("unitPrice is required");
      if (quantity < 1) throw new IllegalArgumentException("quantity must be at least 1");
      return new PurchaseLine(this);
    }
  }
}

package com.ckengine.broadleaf.refund;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

/** What a recorded refund did. Immutable. */
public final class RefundReceipt {
  private final String refundId;
  private final BigDecimal amount;
  private final boolean alreadyRecorded;
  private final List<Long> refundedProducts;
  private final List<Long> partiallyRefundedProducts;

  RefundReceipt(
      String refundId,
      BigDecimal amount,
      boolean alreadyRecorded,
      List<Long> refundedProducts,
      List<Long> partiallyRefundedProducts) {
    this.refundId = refundId;
    this.amount = amount;
    this.alreadyRecorded = alreadyRecorded;
    this.refundedProducts = Collections.unmodifiableList(refundedProducts);
    this.partiallyRefundedProducts = Collections.unmodifiableList(partiallyRefundedProducts);
  }

  public String refundId() {
    return refundId;
  }

  /** The refund's total. */
  public BigDecimal amount() {
    return amount;
  }

  /** True when this refund id had been recorded before (nothing new was recorded). */
  public boolean alreadyRecorded() {
    return alreadyRecorded;
  }

  /** Products now refunded in full (Product Refunded fired for them). */
  public List<Long> refundedProducts() {
    return refundedProducts;
  }

  /** Products refunded in part (Product Partially Refunded fired for them). */
  public List<Long> partiallyRefundedProducts() {
    return partiallyRefundedProducts;
  }

  @Override
  public String toString() {
    return "RefundReceipt{"
        + refundId
        + ", "
        + amount.toPlainString()
        + (alreadyRecorded ? ", already recorded" : "")
        + ", refunded="
        + refundedProducts
        + ", partially="
        + partiallyRefundedProducts
        + "}";
  }
}

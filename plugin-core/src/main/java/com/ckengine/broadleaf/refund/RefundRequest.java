package com.ckengine.broadleaf.refund;

import com.ckengine.api.PlainText;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A refund of (part of) a submitted order: the whole order, whole lines, amounts on lines, or an
 * amount on the order (spread over its lines and shipping in proportion to what each has left to
 * refund). Amounts are measured against what was paid ({@link PaidAmounts}). The refund id is the
 * idempotency key: the same id reported twice is one refund. Immutable.
 */
public final class RefundRequest {
  private final String orderNumber;
  private final String refundId;
  private final Set<Long> wholeLines;
  private final Map<Long, BigDecimal> lineAmounts;
  private final BigDecimal orderAmount;
  private final boolean wholeOrder;

  private RefundRequest(Builder b) {
    this.orderNumber = b.orderNumber;
    this.refundId = b.refundId;
    this.wholeLines = Collections.unmodifiableSet(new LinkedHashSet<Long>(b.wholeLines));
    this.lineAmounts =
        Collections.unmodifiableMap(new LinkedHashMap<Long, BigDecimal>(b.lineAmounts));
    this.orderAmount = b.orderAmount;
    this.wholeOrder = b.wholeOrder;
  }

  /**
   * @param orderNumber the submitted order's number
   * @param refundId the gateway's (or the admin's) id of this refund, at most 100 characters
   */
  public static Builder builder(String orderNumber, String refundId) {
    return new Builder(orderNumber, refundId);
  }

  public String orderNumber() {
    return orderNumber;
  }

  public String refundId() {
    return refundId;
  }

  /** Everything left to refund of the order: every line's and its shipping's. */
  public boolean wholeOrder() {
    return wholeOrder;
  }

  /**
   * Order item ids refunded in full: what is left of what was paid for the line (after its item and
   * order-level discounts, with its tax); the order's shipping is not a line's.
   */
  public Set<Long> wholeLines() {
    return wholeLines;
  }

  /** Amounts refunded on order item ids. */
  public Map<Long, BigDecimal> lineAmounts() {
    return lineAmounts;
  }

  /** An amount on the order as a whole, or null. */
  public BigDecimal orderAmount() {
    return orderAmount;
  }

  /** Builds a {@link RefundRequest}. */
  public static final class Builder {
    private final String orderNumber;
    private final String refundId;
    private final Set<Long> wholeLines = new LinkedHashSet<Long>();
    private final Map<Long, BigDecimal> lineAmounts = new LinkedHashMap<Long, BigDecimal>();
    private BigDecimal orderAmount;
    private boolean wholeOrder;

    private Builder(String orderNumber, String refundId) {
      this.orderNumber = orderNumber == null ? null : orderNumber.trim();
      this.refundId = refundId == null ? null : refundId.trim();
    }

    /** Refunds what is left of the line with this order item id. */
    public Builder wholeLine(long orderItemId) {
      wholeLines.add(orderItemId);
      return this;
    }

    /** Refunds {@code amount} of the line with this order item id. */
    public Builder lineAmount(long orderItemId, BigDecimal amount) {
      lineAmounts.put(orderItemId, amount);
      return this;
    }

    /** Refunds everything left of the order: its lines and its shipping. */
    public Builder wholeOrder() {
      this.wholeOrder = true;
      return this;
    }

    /** Refunds {@code amount} of the order, spread over its lines and shipping. */
    public Builder orderAmount(BigDecimal amount) {
      this.orderAmount = amount;
      return this;
    }

    /**
     * @throws RefundException when the request says nothing, or an id or amount is invalid
     */
    public RefundRequest build() {
      if (orderNumber == null || orderNumber.isEmpty())
        throw new RefundException("the order number is required");
      if (refundId == null || refundId.isEmpty())
        throw new RefundException("the refund id is required");
      if (refundId.length() > 100)
        throw new RefundException("the refund id is longer than 100 characters");
      // It is written into log lines: a line break in it would start a forged one.
      if (PlainText.hasControlCharacter(refundId))
        throw new RefundException("the refund id holds a line break or other control character");
      if (wholeOrder && !(wholeLines.isEmpty() && lineAmounts.isEmpty() && orderAmount == null)) {
        throw new RefundException("refund either the whole order or a part of it, not both");
      }
      if (wholeLines.isEmpty() && lineAmounts.isEmpty() && orderAmount == null && !wholeOrder) {
        throw new RefundException("choose lines to refund or an amount");
      }
      for (Map.Entry<Long, BigDecimal> e : lineAmounts.entrySet()) {
        if (e.getValue() == null || e.getValue().signum() <= 0) {
          throw new RefundException("the amount for line " + e.getKey() + " must be more than 0");
        }
        if (wholeLines.contains(e.getKey())) {
          throw new RefundException("line " + e.getKey() + " is refunded whole and by an amount");
        }
      }
      if (orderAmount != null && orderAmount.signum() <= 0) {
        throw new RefundException("the amount must be more than 0");
      }
      if (orderAmount != null && !(wholeLines.isEmpty() && lineAmounts.isEmpty())) {
        throw new RefundException("refund either lines or an amount of the order, not both");
      }
      return new RefundRequest(this);
    }
  }
}

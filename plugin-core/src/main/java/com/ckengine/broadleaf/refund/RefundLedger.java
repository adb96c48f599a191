package com.ckengine.broadleaf.refund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was paid and refunded per line of one order (and for its shipping), and the arithmetic of a
 * new refund: how it splits over the lines and shipping, and which products it leaves fully or
 * partly refunded. What was paid is {@link PaidAmounts}'s. Pure; no Broadleaf.
 */
final class RefundLedger {
  /**
   * The allocation key of the order's shipping (shipping, fees and their tax): no product's, so no
   * trigger fires for it. Order item ids are never 0.
   */
  static final long SHIPPING = 0L;

  /** One order line: its item id, product and what was paid for it in total. */
  static final class Line {
    final long itemId;
    final long productId;
    final BigDecimal paid;

    Line(long itemId, long productId, BigDecimal paid) {
      this.itemId = itemId;
      this.productId = productId;
      this.paid = paid == null ? BigDecimal.ZERO : paid;
    }
  }

  private final Map<Long, Line> lines = new LinkedHashMap<Long, Line>();
  private final Map<Long, BigDecimal> refunded = new LinkedHashMap<Long, BigDecimal>();
  private final int scale;

  RefundLedger(List<Line> lines, BigDecimal shipping, int scale) {
    for (Line l : lines) {
      this.lines.put(l.itemId, l);
      this.refunded.put(l.itemId, BigDecimal.ZERO);
    }
    this.lines.put(SHIPPING, new Line(SHIPPING, SHIPPING, shipping));
    this.refunded.put(SHIPPING, BigDecimal.ZERO);
    this.scale = scale;
  }

  /** Adds an earlier refund's allocation. Unknown items are ignored. */
  void apply(Map<Long, BigDecimal> allocation) {
    for (Map.Entry<Long, BigDecimal> e : allocation.entrySet()) {
      if (refunded.containsKey(e.getKey()))
        refunded.put(e.getKey(), refunded.get(e.getKey()).add(e.getValue()));
    }
  }

  BigDecimal remaining(long itemId) {
    Line l = lines.get(itemId);
    return l == null ? BigDecimal.ZERO : l.paid.subtract(refunded.get(itemId)).max(BigDecimal.ZERO);
  }

  BigDecimal refundedOf(long itemId) {
    BigDecimal r = refunded.get(itemId);
    return r == null ? BigDecimal.ZERO : r;
  }

  /**
   * How {@code request} splits over the lines, in item id → amount.
   *
   * @throws RefundException when it names a line not on the order or asks more than is left
   */
  Map<Long, BigDecimal> allocate(RefundRequest request) {
    Map<Long, BigDecimal> out = new LinkedHashMap<Long, BigDecimal>();
    if (request.wholeOrder()) {
      for (Long id : lines.keySet()) {
        if (remaining(id).signum() > 0) out.put(id, remaining(id));
      }
      if (out.isEmpty()) throw new RefundException("the order is already refunded in full");
      return out;
    }
    for (Long id : request.wholeLines()) {
      requireLine(id);
      BigDecimal left = remaining(id);
      if (left.signum() == 0)
        throw new RefundException("line " + id + " is already refunded in full");
      out.put(id, left);
    }
    for (Map.Entry<Long, BigDecimal> e : request.lineAmounts().entrySet()) {
      requireLine(e.getKey());
      BigDecimal left = remaining(e.getKey());
      if (e.getValue().compareTo(left) > 0) {
        throw new RefundException(
            "line "
                + e.getKey()
                + " has "
                + left.toPlainString()
                + " left to refund, not "
                + e.getValue().toPlainString());
      }
      out.put(e.getKey(), e.getValue().setScale(scale, RoundingMode.HALF_EVEN));
    }
    if (request.orderAmount() != null) out.putAll(spread(request.orderAmount()));
    return out;
  }

  private Map<Long, BigDecimal> spread(BigDecimal amount) {
    BigDecimal total = BigDecimal.ZERO;
    List<Long> open = new ArrayList<Long>();
    for (Long id : lines.keySet()) {
      BigDecimal left = remaining(id);
      if (left.signum() > 0) {
        open.add(id);
        total = total.add(left);
      }
    }
    if (amount.compareTo(total) > 0) {
      throw new RefundException(
          "the order has "
              + total.toPlainString()
              + " left to refund, not "
              + amount.toPlainString());
    }
    Map<Long, BigDecimal> out = new LinkedHashMap<Long, BigDecimal>();
    BigDecimal given = BigDecimal.ZERO;
    for (int i = 0; i < open.size(); i++) {
      Long id = open.get(i);
      BigDecimal share =
          i == open.size() - 1
              ? amount.subtract(given)
              : amount.multiply(remaining(id)).divide(total, scale, RoundingMode.HALF_EVEN);
      share = share.min(remaining(id));
      if (share.signum() > 0) {
        out.put(id, share);
        given = given.add(share);
      }
    }
    return out;
  }

  /** Products touched by {@code allocation}, split by whether it leaves them fully refunded. */
  static final class Outcome {
    final List<Long> fullyRefundedItems = new ArrayList<Long>();
    final List<Long> partlyRefundedItems = new ArrayList<Long>();
  }

  /**
   * After {@code allocation} is applied: per product it touched, Refunded when all that was paid
   * for the product (all its lines) is refunded, Partially Refunded otherwise. Returns item ids of
   * the touched products' lines, grouped so.
   */
  Outcome outcome(Map<Long, BigDecimal> allocation) {
    Map<Long, List<Long>> byProduct = new LinkedHashMap<Long, List<Long>>();
    for (Long id : allocation.keySet()) {
      if (id == SHIPPING) continue;
      long product = lines.get(id).productId;
      if (!byProduct.containsKey(product)) {
        List<Long> items = new ArrayList<Long>();
        for (Line l : lines.values()) {
          if (l.productId == product && l.itemId != SHIPPING) items.add(l.itemId);
        }
        byProduct.put(product, items);
      }
    }
    Outcome o = new Outcome();
    for (List<Long> items : byProduct.values()) {
      boolean full = true;
      for (Long id : items) if (remaining(id).signum() > 0) full = false;
      for (Long id : items) {
        if (!allocation.containsKey(id) && !full) continue;
        if (!allocation.containsKey(id) && refundedOf(id).signum() == 0) continue;
        (full ? o.fullyRefundedItems : o.partlyRefundedItems).add(id);
      }
    }
    return o;
  }

  private void requireLine(Long id) {
    if (id == SHIPPING || !lines.containsKey(id))
      throw new RefundException("line " + id + " is not on this order");
  }
}

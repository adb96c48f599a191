package com.ckengine.broadleaf.refund;

import com.ckengine.api.EventLine;
import com.ckengine.broadleaf.order.OrderEvents;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupFee;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;

/**
 * What the customer paid, split the way Broadleaf 3.1's pricing split the order (what refunds are
 * measured against):
 *
 * <ul>
 *   <li><b>A line</b>: its price after its item discounts, less its share of the order-level
 *       discounts ({@code FulfillmentGroupItem.proratedOrderAdjustment}, which Broadleaf's
 *       FulfillmentItemPricingActivity prorates over the items), plus the tax on it ({@code
 *       FulfillmentGroupItem.totalTax}); summed over the line's fulfillment group items.
 *   <li><b>Shipping</b>: what no line carries: each fulfillment group's shipping price and fees,
 *       plus the tax on them ({@code totalFulfillmentGroupTax}, {@code totalFeeTax}).
 * </ul>
 *
 * The lines and shipping add up to the order's total. A line on no fulfillment group (an order
 * Broadleaf's pricing did not split) counts its total price.
 */
public final class PaidAmounts {
  private PaidAmounts() {}

  /** Order item id to what was paid for the line, in the order's item order. */
  public static Map<Long, BigDecimal> lines(Order order) {
    Map<Long, BigDecimal> out = new LinkedHashMap<Long, BigDecimal>();
    Map<Long, BigDecimal> split = new LinkedHashMap<Long, BigDecimal>();
    for (FulfillmentGroup fg : order.getFulfillmentGroups()) {
      for (FulfillmentGroupItem fgi : fg.getFulfillmentGroupItems()) {
        if (fgi.getOrderItem() == null) continue;
        BigDecimal paid =
            amount(fgi.getTotalItemAmount())
                .subtract(amount(fgi.getProratedOrderAdjustmentAmount()))
                .add(amount(fgi.getTotalTax()));
        Long id = fgi.getOrderItem().getId();
        split.put(id, split.containsKey(id) ? split.get(id).add(paid) : paid);
      }
    }
    for (OrderItem item : order.getOrderItems()) {
      BigDecimal paid = split.get(item.getId());
      out.put(item.getId(), paid != null ? paid : amount(item.getTotalPrice()));
    }
    return out;
  }

  /** Shipping and fees with their tax, over all fulfillment groups. */
  public static BigDecimal shipping(Order order) {
    BigDecimal total = BigDecimal.ZERO;
    for (FulfillmentGroup fg : order.getFulfillmentGroups()) {
      total =
          total
              .add(amount(fg.getShippingPrice()))
              .add(amount(fg.getTotalFulfillmentGroupTax()))
              .add(amount(fg.getTotalFeeTax()));
      for (FulfillmentGroupFee fee : fg.getFulfillmentGroupFees()) {
        total = total.add(amount(fee.getAmount()));
      }
    }
    return total;
  }

  /** The order's refund ledger: its lines (with their products) and its shipping. */
  static RefundLedger ledger(Order order) {
    Map<Long, BigDecimal> paid = lines(order);
    List<EventLine> events = OrderEvents.lines(order);
    List<RefundLedger.Line> lines = new ArrayList<RefundLedger.Line>();
    for (int i = 0; i < order.getOrderItems().size(); i++) {
      long id = order.getOrderItems().get(i).getId();
      lines.add(new RefundLedger.Line(id, events.get(i).productId(), paid.get(id)));
    }
    return new RefundLedger(lines, shipping(order), 2);
  }

  private static BigDecimal amount(Money m) {
    return m == null ? BigDecimal.ZERO : m.getAmount();
  }
}

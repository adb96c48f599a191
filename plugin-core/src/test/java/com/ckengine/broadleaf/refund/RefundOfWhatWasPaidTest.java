package com.ckengine.broadleaf.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.catalog.domain.ProductImpl;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItemImpl;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupImpl;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItemImpl;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.junit.jupiter.api.Test;

/**
 * The ledger counts what was paid, as Broadleaf 3.1's pricing split the order: an order of the
 * course (199.00, taxed 10%) and the bump (9.00, taxed 10%) with an order-level discount of 10%
 * (20.80, prorated 19.90 and 0.90 onto the items), shipping 5.00 taxed 10% (0.50). Total 211.42:
 * the course line paid 179.10 + 17.91 tax = 197.01, the bump 8.10 + 0.81 = 8.91, shipping 5.50. The
 * domain objects carry the values Broadleaf's FulfillmentItemPricingActivity, TaxActivity and
 * TotalActivity leave on them.
 */
class RefundOfWhatWasPaidTest {
  private static final long COURSE = 11, BUMP = 12;

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static Order order() {
    Order order = new OrderImpl();
    FulfillmentGroup fg = new FulfillmentGroupImpl();
    fg.setOrder(order);
    fg.setShippingPrice(new Money("5.00"));
    fg.setTotalFulfillmentGroupTax(new Money("0.50"));
    List<OrderItem> items = new ArrayList<>();
    items.add(line(order, fg, COURSE, 101, "199.00", "19.90", "17.91"));
    items.add(line(order, fg, BUMP, 105, "9.00", "0.90", "0.81"));
    order.setOrderItems(items);
    List<FulfillmentGroup> fgs = new ArrayList<>();
    fgs.add(fg);
    order.setFulfillmentGroups(fgs);
    order.setTotal(new Money("211.42"));
    return order;
  }

  private static OrderItem line(
      Order order,
      FulfillmentGroup fg,
      long id,
      long product,
      String price,
      String orderDiscount,
      String tax) {
    DiscreteOrderItemImpl item = new DiscreteOrderItemImpl();
    item.setId(id);
    item.setOrder(order);
    item.setName("item " + id);
    item.setQuantity(1);
    ProductImpl p = new ProductImpl();
    p.setId(product);
    item.setProduct(p);
    item.setPrice(new Money(price));
    FulfillmentGroupItem fgi = new FulfillmentGroupItemImpl();
    fgi.setOrderItem(item);
    fgi.setFulfillmentGroup(fg);
    fgi.setQuantity(1);
    fgi.setTotalItemAmount(new Money(price));
    fgi.setProratedOrderAdjustmentAmount(new Money(orderDiscount));
    fgi.setTotalTax(new Money(tax));
    fg.getFulfillmentGroupItems().add(fgi);
    return item;
  }

  @Test
  void eachLinePaidItsPriceLessItsShareOfTheOrderDiscountWithItsTaxAndShippingTheRest() {
    Order order = order();
    Map<Long, BigDecimal> lines = PaidAmounts.lines(order);
    assertEquals(d("197.01"), lines.get(COURSE));
    assertEquals(d("8.91"), lines.get(BUMP));
    assertEquals(d("5.50"), PaidAmounts.shipping(order));
    BigDecimal all = PaidAmounts.shipping(order);
    for (BigDecimal b : lines.values()) all = all.add(b);
    assertEquals(order.getTotal().getAmount(), all, "lines and shipping add up to the total");
  }

  @Test
  void refundingWhatTheLinePaidRefundsTheProductAndNotMore() {
    RefundLedger l = PaidAmounts.ledger(order());
    Map<Long, BigDecimal> paid =
        l.allocate(RefundRequest.builder("1", "r1").lineAmount(COURSE, d("197.01")).build());
    l.apply(paid);
    assertEquals(List.of(COURSE), l.outcome(paid).fullyRefundedItems, "Product Refunded");

    RefundLedger fresh = PaidAmounts.ledger(order());
    RefundException e =
        assertThrows(
            RefundException.class,
            () ->
                fresh.allocate(
                    RefundRequest.builder("1", "r2").lineAmount(COURSE, d("199.00")).build()));
    assertTrue(e.getMessage().contains("197.01 left to refund"), e.getMessage());
  }

  @Test
  void aWholeLineIsWhatTheLinePaidAndLeavesTheShipping() {
    RefundLedger l = PaidAmounts.ledger(order());
    Map<Long, BigDecimal> a =
        l.allocate(RefundRequest.builder("1", "r").wholeLine(COURSE).wholeLine(BUMP).build());
    assertEquals(d("197.01"), a.get(COURSE));
    assertEquals(d("8.91"), a.get(BUMP));
    assertEquals(2, a.size(), "no shipping: " + a);
    l.apply(a);
    assertEquals(List.of(COURSE, BUMP), l.outcome(a).fullyRefundedItems);
    assertEquals(d("5.50"), l.remaining(RefundLedger.SHIPPING));
  }

  @Test
  void theWholeOrderIsEverythingPaidAndRefundsEveryProduct() {
    RefundLedger l = PaidAmounts.ledger(order());
    Map<Long, BigDecimal> a = l.allocate(RefundRequest.builder("1", "r").wholeOrder().build());
    assertEquals(d("197.01"), a.get(COURSE));
    assertEquals(d("8.91"), a.get(BUMP));
    assertEquals(d("5.50"), a.get(RefundLedger.SHIPPING));
    l.apply(a);
    RefundLedger.Outcome o = l.outcome(a);
    assertEquals(List.of(COURSE, BUMP), o.fullyRefundedItems);
    assertTrue(o.partlyRefundedItems.isEmpty());
    assertThrows(
        RefundException.class,
        () -> l.allocate(RefundRequest.builder("1", "again").wholeOrder().build()));
  }

  @Test
  void theOrderTotalAsAnAmountRefundsEverythingAndOneCentMoreIsRefused() {
    RefundLedger l = PaidAmounts.ledger(order());
    RefundException e =
        assertThrows(
            RefundException.class,
            () -> l.allocate(RefundRequest.builder("1", "r").orderAmount(d("211.43")).build()));
    assertTrue(e.getMessage().contains("211.42 left to refund"), e.getMessage());
    Map<Long, BigDecimal> a =
        l.allocate(RefundRequest.builder("1", "r").orderAmount(d("211.42")).build());
    l.apply(a);
    assertEquals(List.of(COURSE, BUMP), l.outcome(a).fullyRefundedItems);
    assertEquals(BigDecimal.ZERO, l.remaining(RefundLedger.SHIPPING).stripTrailingZeros());
  }

  @Test
  void theShippingPartOfARefundIsStoredAndReadBackByName() {
    Map<Long, BigDecimal> a =
        PaidAmounts.ledger(order()).allocate(RefundRequest.builder("1", "r").wholeOrder().build());
    String text = BroadleafOrderRefunds.formatAllocation(a);
    assertEquals("11=197.01;12=8.91;shipping=5.50", text);
  }
}

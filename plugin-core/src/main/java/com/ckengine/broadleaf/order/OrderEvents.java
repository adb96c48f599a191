package com.ckengine.broadleaf.order;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.AddedLines;
import com.ckengine.broadleaf.LineRoles;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.order.domain.BundleOrderItem;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.FulfillmentGroup;
import org.broadleafcommerce.core.order.domain.FulfillmentGroupItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;

/**
 * Reads a Broadleaf {@link Order} into the engine's terms: its lines (product, SKU, quantity, unit
 * price paid, role), amounts and currency, who bought, and whether it was a test order. Pure
 * mapping; the caller holds the transaction that lazy collections load in.
 */
public final class OrderEvents {
  private OrderEvents() {}

  /** The Product Purchased event key of an order: publishing it twice is a no-op. */
  public static String purchaseKey(String orderNumber) {
    return "order:" + orderNumber;
  }

  /**
   * The Product Added to Order event key of one added line: {@code order:<number>:added:<line id>},
   * so each added line fires once, and never under the order's own key.
   */
  public static String addedKey(String orderReference, long itemId) {
    return purchaseKey(orderReference) + Trigger.ADDED_KEY_INFIX + itemId;
  }

  /** The order number, or {@code id-<id>} for the rare submitted order without one. */
  public static String reference(Order order) {
    String n = order.getOrderNumber();
    return n == null || n.trim().isEmpty() ? "id-" + order.getId() : n.trim();
  }

  /**
   * The Product Purchased event of a submitted order; a test event when {@code testPayments} says
   * it was paid with a test payment.
   *
   * @throws com.ckengine.api.InvalidEventException when the order cannot make a valid event (no
   *     email address, no lines): the caller logs it and does not retry
   */
  public static StoreEvent purchase(Order order, TestPayments testPayments) {
    return purchase(order, testPayments, CustomerFacts.NO_HISTORY);
  }

  /**
   * The same, with the customer's facts for mapped Kit custom fields ({@link CustomerFacts}): last
   * name, phone, billing city and country, and from {@code history} the customer's order count and
   * total spent.
   */
  public static StoreEvent purchase(
      Order order, TestPayments testPayments, CustomerFacts.History history) {
    String reference = reference(order);
    Date submitted = order.getSubmitDate();
    // Lines added after the submit are not this purchase's (they fire Product Added to Order):
    // the amounts are the order's as it was submitted.
    BigDecimal addedPrice = BigDecimal.ZERO;
    BigDecimal addedTax = BigDecimal.ZERO;
    for (OrderItem item : order.getOrderItems()) {
      if (!AddedLines.isAdded(item)) continue;
      addedPrice = addedPrice.add(orZero(amount(item.getTotalPrice())));
      addedTax = addedTax.add(taxOf(order, item));
    }
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAtMillis(submitted == null ? System.currentTimeMillis() : submitted.getTime())
            .email(email(order))
            .firstName(order.getCustomer() == null ? null : order.getCustomer().getFirstName())
            .reference(reference)
            .eventKey(purchaseKey(reference))
            .currency(currency(order))
            .subtotal(less(amount(order.getSubTotal()), addedPrice))
            .tax(less(amount(order.getTotalTax()), addedTax))
            .shipping(amount(order.getTotalFulfillmentCharges()))
            .discount(amount(order.getOrderAdjustmentsValue()))
            .total(less(amount(order.getTotal()), addedPrice.add(addedTax)))
            .test(testPayments.isTestOrder(order));
    b.lines(purchasedLines(order));
    b.customerFacts(CustomerFacts.of(order, history));
    return b.build();
  }

  /**
   * The Product Added to Order event of one line added to the submitted {@code order}: that line
   * alone, its amounts, the order's customer and number as reference, key {@link #addedKey}.
   *
   * @throws com.ckengine.api.InvalidEventException when it cannot make a valid event (no email)
   */
  public static StoreEvent addedToOrder(Order order, OrderItem item, TestPayments testPayments) {
    String reference = reference(order);
    BigDecimal price = orZero(amount(item.getTotalPrice()));
    BigDecimal tax = taxOf(order, item);
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_ADDED_TO_ORDER)
        .occurredAtMillis(addedAt(item))
        .email(email(order))
        .firstName(order.getCustomer() == null ? null : order.getCustomer().getFirstName())
        .reference(reference)
        .eventKey(addedKey(reference, item.getId()))
        .currency(currency(order))
        .subtotal(price)
        .tax(tax)
        .total(price.add(tax))
        .test(testPayments.isTestOrder(order))
        .addLine(line(item))
        .build();
  }

  /** The lines of the order's purchase: every line but those added after the submit. */
  public static List<EventLine> purchasedLines(Order order) {
    List<EventLine> lines = new ArrayList<EventLine>();
    for (OrderItem item : order.getOrderItems()) {
      if (!AddedLines.isAdded(item)) lines.add(line(item));
    }
    return lines;
  }

  /** When the line was added, as its mark says; the time of publishing when it does not. */
  private static long addedAt(OrderItem item) {
    Long at = AddedLines.addedAtMillis(item);
    return at != null ? at : System.currentTimeMillis();
  }

  /** The tax Broadleaf's pricing put on the line (its fulfillment group items' taxes). */
  private static BigDecimal taxOf(Order order, OrderItem item) {
    BigDecimal tax = BigDecimal.ZERO;
    if (order.getFulfillmentGroups() == null) return tax;
    for (FulfillmentGroup fg : order.getFulfillmentGroups()) {
      for (FulfillmentGroupItem fgi : fg.getFulfillmentGroupItems()) {
        if (fgi.getOrderItem() != null && item.getId().equals(fgi.getOrderItem().getId())) {
          tax = tax.add(orZero(amount(fgi.getTotalTax())));
        }
      }
    }
    return tax;
  }

  private static BigDecimal orZero(BigDecimal v) {
    return v == null ? BigDecimal.ZERO : v;
  }

  /** {@code value} less {@code part}, never below zero; null stays null. */
  private static BigDecimal less(BigDecimal value, BigDecimal part) {
    if (value == null || part.signum() == 0) return value;
    return nonNegative(value.subtract(part));
  }

  /**
   * Every line of the order with its role, those added after the submit included (a refund may name
   * any line); items that name no product get product id 0.
   */
  public static List<EventLine> lines(Order order) {
    List<EventLine> lines = new ArrayList<EventLine>();
    for (OrderItem item : order.getOrderItems()) lines.add(line(item));
    return lines;
  }

  private static EventLine line(OrderItem item) {
    Sku sku = skuOf(item);
    Product product = productOf(item, sku);
    Money unit = item.getAveragePrice() != null ? item.getAveragePrice() : item.getPrice();
    String name = item.getName() != null ? item.getName() : sku == null ? null : sku.getName();
    return EventLine.builder()
        .productId(product == null || product.getId() == null ? 0 : product.getId())
        .sku(skuCode(product, sku))
        .name(name == null ? "item " + item.getId() : name)
        .quantity(item.getQuantity())
        .unitPrice(nonNegative(amount(unit)))
        .role(LineRoles.of(item))
        .build();
  }

  /**
   * The SKU code a line reports: Broadleaf 3.1 SKUs have no code of their own, so it is the
   * product's Model field for the product's default SKU and {@code <model>-<sku id>} for its other
   * SKUs (payment options, variants); {@code SKU-<id>} when the product has no model.
   */
  public static String skuCode(Product product, Sku sku) {
    if (sku == null) return null;
    String model = product == null ? null : trimToNull(product.getModel());
    boolean isDefault =
        product != null
            && product.getDefaultSku() != null
            && sku.getId() != null
            && sku.getId().equals(product.getDefaultSku().getId());
    if (model == null) return "SKU-" + sku.getId();
    return isDefault ? model : model + "-" + sku.getId();
  }

  /** The order's email, else its customer's. */
  public static String email(Order order) {
    String e = trimToNull(order.getEmailAddress());
    if (e == null && order.getCustomer() != null)
      e = trimToNull(order.getCustomer().getEmailAddress());
    return e;
  }

  /** The order's ISO currency code, or null. */
  public static String currency(Order order) {
    if (order.getCurrency() != null && order.getCurrency().getCurrencyCode() != null) {
      return order.getCurrency().getCurrencyCode();
    }
    Money total = order.getTotal();
    return total != null && total.getCurrency() != null
        ? total.getCurrency().getCurrencyCode()
        : null;
  }

  static Sku skuOf(OrderItem item) {
    if (item instanceof DiscreteOrderItem) return ((DiscreteOrderItem) item).getSku();
    if (item instanceof BundleOrderItem) return ((BundleOrderItem) item).getSku();
    return null;
  }

  static Product productOf(OrderItem item, Sku sku) {
    Product p = null;
    if (item instanceof DiscreteOrderItem) p = ((DiscreteOrderItem) item).getProduct();
    if (item instanceof BundleOrderItem) p = ((BundleOrderItem) item).getProduct();
    if (p == null && sku != null)
      p = sku.getProduct() != null ? sku.getProduct() : sku.getDefaultProduct();
    return p;
  }

  static BigDecimal amount(Money m) {
    return m == null ? null : m.getAmount();
  }

  private static BigDecimal nonNegative(BigDecimal v) {
    return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
  }

  private static String trimToNull(String s) {
    return s == null || s.trim().isEmpty() ? null : s.trim();
  }
}

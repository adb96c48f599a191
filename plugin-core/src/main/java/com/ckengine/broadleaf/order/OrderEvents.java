package com.ckengine.broadleaf.order;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
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
    String reference = reference(order);
    Date submitted = order.getSubmitDate();
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAtMillis(submitted == null ? System.currentTimeMillis() : submitted.getTime())
            .email(email(order))
            .firstName(order.getCustomer() == null ? null : order.getCustomer().getFirstName())
            .reference(reference)
            .eventKey(purchaseKey(reference))
            .currency(currency(order))
            .subtotal(amount(order.getSubTotal()))
            .tax(amount(order.getTotalTax()))
            .shipping(amount(order.getTotalFulfillmentCharges()))
            .discount(amount(order.getOrderAdjustmentsValue()))
            .total(amount(order.getTotal()))
            .test(testPayments.isTestOrder(order));
    b.lines(lines(order));
    return b.build();
  }

  /** Every line of the order with its role; items that name no product get product id 0. */
  public static List<EventLine> lines(Order order) {
    List<EventLine> lines = new ArrayList<EventLine>();
    for (OrderItem item : order.getOrderItems()) {
      Sku sku = skuOf(item);
      Product product = productOf(item, sku);
      Money unit = item.getAveragePrice() != null ? item.getAveragePrice() : item.getPrice();
      String name = item.getName() != null ? item.getName() : sku == null ? null : sku.getName();
      lines.add(
          EventLine.builder()
              .productId(product == null || product.getId() == null ? 0 : product.getId())
              .sku(skuCode(product, sku))
              .name(name == null ? "item " + item.getId() : name)
              .quantity(item.getQuantity())
              .unitPrice(nonNegative(amount(unit)))
              .role(LineRoles.of(item))
              .build());
    }
    return lines;
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

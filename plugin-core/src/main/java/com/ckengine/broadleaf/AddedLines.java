package com.ckengine.broadleaf;

import java.util.ArrayList;
import java.util.List;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.domain.OrderItemAttribute;

/**
 * The contract a store follows when it adds a product to an order that was already submitted (a
 * one-click offer on the confirmation page, as SamCart's Add to Order): the new line carries the
 * order item attribute {@value #ATTRIBUTE}, whose value is {@link #mark()}: when it was added, in
 * epoch milliseconds (any other non-blank value marks it too, dated when it is published). Such a
 * line fires Product Added to Order, once, and is never part of the order's Product Purchased (its
 * lines and amounts leave it out), so a rule on the product never fires twice for one purchase.
 *
 * <p>Set it when adding the item, e.g. {@code request.getItemAttributes().put(AddedLines.ATTRIBUTE,
 * AddedLines.mark())} on an {@code OrderItemRequestDTO}; saving the order is all the rest (the
 * order hook publishes the event).
 */
public final class AddedLines {
  /** Name of the order item attribute that marks a line added after the order was submitted. */
  public static final String ATTRIBUTE = "ckengine.addedToOrder";

  private AddedLines() {}

  /** The attribute's value for a line added now. */
  public static String mark() {
    return String.valueOf(System.currentTimeMillis());
  }

  /** When the line was added (epoch milliseconds), or null when its mark does not say. */
  public static Long addedAtMillis(OrderItem item) {
    OrderItemAttribute a =
        item.getOrderItemAttributes() == null ? null : item.getOrderItemAttributes().get(ATTRIBUTE);
    if (a == null || a.getValue() == null) return null;
    try {
      return Long.valueOf(a.getValue().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True when {@code item} was added to its order after the order was submitted. */
  public static boolean isAdded(OrderItem item) {
    OrderItemAttribute a =
        item.getOrderItemAttributes() == null ? null : item.getOrderItemAttributes().get(ATTRIBUTE);
    return a != null && a.getValue() != null && !a.getValue().trim().isEmpty();
  }

  /** The ids of the order's added lines, in the order's line order (empty for most orders). */
  public static List<Long> idsOf(Order order) {
    List<Long> ids = new ArrayList<Long>();
    if (order.getOrderItems() == null) return ids;
    for (OrderItem item : order.getOrderItems()) {
      if (item.getId() != null && isAdded(item)) ids.add(item.getId());
    }
    return ids;
  }
}

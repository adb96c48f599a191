package com.ckengine.broadleaf;

import com.ckengine.api.LineRole;
import java.util.Locale;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.domain.OrderItemAttribute;

/**
 * The contract a store follows to give its order lines a {@link LineRole}: an order item attribute
 * named {@value #ATTRIBUTE} whose value is a {@link LineRole} name ({@code PRIMARY}, {@code
 * UPSELL}, {@code ORDER_BUMP} or {@code PAYMENT_OPTION}). A line without the attribute is PRIMARY.
 *
 * <p>Set it when adding the item, e.g. {@code request.getItemAttributes().put(LineRoles.ATTRIBUTE,
 * LineRole.ORDER_BUMP.name())} on an {@code OrderItemRequestDTO}; Broadleaf stores it as a {@code
 * BLC_ORDER_ITEM_ATTRIBUTE} row.
 */
public final class LineRoles {
  /** Name of the order item attribute that holds a line's role. */
  public static final String ATTRIBUTE = "ckengine.lineRole";

  private LineRoles() {}

  /**
   * The role written on {@code item}: PRIMARY when the attribute is absent, blank or not a role
   * name (case is ignored), so a typo never loses a purchase.
   */
  public static LineRole of(OrderItem item) {
    OrderItemAttribute a =
        item.getOrderItemAttributes() == null ? null : item.getOrderItemAttributes().get(ATTRIBUTE);
    return parse(a == null ? null : a.getValue());
  }

  /** The role named by {@code value}; PRIMARY for null, blank or unknown values. */
  public static LineRole parse(String value) {
    if (value == null || value.trim().isEmpty()) return LineRole.PRIMARY;
    try {
      return LineRole.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return LineRole.PRIMARY;
    }
  }
}

package com.ckengine.broadleaf.prospect;

import com.ckengine.broadleaf.order.OrderEvents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;

/**
 * How a prospect is named. A prospect is one state of a cart: its email address and its contents.
 * The reference is {@code cart-<order id>-<fingerprint>}, the fingerprint a short hash of the
 * lower-cased email and the sorted (product, SKU, quantity) of its lines. So a cart whose email or
 * contents change gets a new prospect (and the old one no longer matches the cart, which the {@link
 * ProspectGuard} checks when it comes due), while Broadleaf's repeated saves of the same cart are
 * the same prospect.
 */
public final class ProspectRefs {
  static final String PREFIX = "cart-";

  private ProspectRefs() {}

  /** The prospect reference of the cart as it is now. */
  public static String reference(Order cart) {
    return PREFIX + cart.getId() + "-" + fingerprint(OrderEvents.email(cart), cart);
  }

  /** The order id named by a prospect reference, or null when it is not one. */
  static Long cartId(String reference) {
    String[] p = parts(reference);
    if (p == null) return null;
    try {
      return Long.valueOf(p[0]);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The fingerprint named by a prospect reference, or null when it is not one. */
  static String fingerprintOf(String reference) {
    String[] p = parts(reference);
    return p == null ? null : p[1];
  }

  private static String[] parts(String reference) {
    if (reference == null || !reference.startsWith(PREFIX)) return null;
    String rest = reference.substring(PREFIX.length());
    int dash = rest.indexOf('-');
    if (dash <= 0 || dash == rest.length() - 1) return null;
    return new String[] {rest.substring(0, dash), rest.substring(dash + 1)};
  }

  static String fingerprint(String email, Order cart) {
    List<String> lines = new ArrayList<String>();
    for (OrderItem item : cart.getOrderItems()) {
      Sku sku = item instanceof DiscreteOrderItem ? ((DiscreteOrderItem) item).getSku() : null;
      Long product =
          item instanceof DiscreteOrderItem && ((DiscreteOrderItem) item).getProduct() != null
              ? ((DiscreteOrderItem) item).getProduct().getId()
              : null;
      lines.add(product + "/" + (sku == null ? null : sku.getId()) + "x" + item.getQuantity());
    }
    Collections.sort(lines);
    StringBuilder text = new StringBuilder(email == null ? "" : email.toLowerCase(Locale.ROOT));
    for (String l : lines) text.append('|').append(l);
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 6; i++) hex.append(String.format("%02x", d[i] & 0xff));
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

package com.ckengine.broadleaf.order;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.payment.domain.OrderPayment;

/**
 * Which orders are test orders: those with a payment the site names as a test payment, in {@code
 * ckengine.orders.testPayments}. A test order's events are processed like any other and every log
 * row says "test". Nothing is a test payment unless the site says so: a gateway type alone says
 * every payment through it is a test (a sandbox gateway), a gateway type and payment type say only
 * that combination is (the demo's {@code PASSTHROUGH:CREDIT_CARD}: a card payment through no
 * gateway, nothing charged), so a real order paid through the same gateway another way (Broadleaf's
 * "Collect On Delivery" is {@code PASSTHROUGH:COD}) stays real.
 */
public final class TestPayments {
  /** No payment is a test payment: the default. */
  public static final TestPayments NONE = new TestPayments(Collections.<String[]>emptyList());

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Each entry: {gateway type, payment type or null}, upper case. */
  private final List<String[]> entries;

  private TestPayments(List<String[]> entries) {
    this.entries = entries;
  }

  /**
   * Reads the property's value: entries separated by commas, each a Broadleaf payment gateway type
   * ({@code PASSTHROUGH}) or a gateway type and a payment type joined by a colon ({@code
   * PASSTHROUGH:CREDIT_CARD}), case ignored. Blank means none.
   *
   * @throws IllegalArgumentException naming the entry that is not of that form
   */
  public static TestPayments parse(String value) {
    if (value == null || value.trim().isEmpty()) return NONE;
    List<String[]> entries = new ArrayList<String[]>();
    for (String raw : value.split(",")) {
      String entry = raw.trim();
      if (entry.isEmpty()) continue;
      String[] parts = entry.split(":", -1);
      boolean ok = parts.length <= 2;
      for (String p : parts) ok &= CODE.matcher(p.trim()).matches();
      if (!ok) {
        throw new IllegalArgumentException(
            "ckengine.orders.testPayments: '"
                + entry
                + "' is not a payment gateway type (e.g. PASSTHROUGH) or a gateway type and a"
                + " payment type joined by a colon (e.g. PASSTHROUGH:CREDIT_CARD)");
      }
      entries.add(
          new String[] {
            parts[0].trim().toUpperCase(Locale.ROOT),
            parts.length == 2 ? parts[1].trim().toUpperCase(Locale.ROOT) : null
          });
    }
    return new TestPayments(entries);
  }

  /** True when one of the order's payments is a test payment. */
  public boolean isTestOrder(Order order) {
    if (entries.isEmpty() || order.getPayments() == null) return false;
    for (OrderPayment p : order.getPayments()) {
      String gateway = p.getGatewayType() == null ? null : p.getGatewayType().getType();
      String type = p.getType() == null ? null : p.getType().getType();
      for (String[] e : entries) {
        if (e[0].equalsIgnoreCase(String.valueOf(gateway))
            && (e[1] == null || e[1].equalsIgnoreCase(String.valueOf(type)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The same test as {@link #isTestOrder}, as a JPQL condition on a payment alias (e.g. {@code p}
   * of {@code OrderPaymentImpl}), its parameters added to {@code params}; null when nothing is a
   * test payment. For counting test orders in a query instead of loading each order.
   */
  public String paymentCondition(String alias, java.util.Map<String, Object> params) {
    if (entries.isEmpty()) return null;
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < entries.size(); i++) {
      String[] e = entries.get(i);
      if (i > 0) b.append(" or ");
      b.append("(upper(").append(alias).append(".gatewayType) = :tpGateway").append(i);
      params.put("tpGateway" + i, e[0]);
      if (e[1] != null) {
        b.append(" and upper(").append(alias).append(".type) = :tpType").append(i);
        params.put("tpType" + i, e[1]);
      }
      b.append(")");
    }
    return b.append(")").toString();
  }

  @Override
  public String toString() {
    if (entries.isEmpty()) return "no test payments";
    StringBuilder b = new StringBuilder("test payments: ");
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) b.append(", ");
      b.append(entries.get(i)[0]);
      if (entries.get(i)[1] != null) b.append(':').append(entries.get(i)[1]);
    }
    return b.toString();
  }
}

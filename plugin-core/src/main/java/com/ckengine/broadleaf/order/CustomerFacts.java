package com.ckengine.broadleaf.order;

import com.ckengine.api.StoreField;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.Customer;

/**
 * What a submitted order tells of its customer, for the Kit custom fields an operator maps: last
 * name (the customer's, else the billing address's), phone, billing city and country (the billing
 * address of the order's first active payment that has one) and, from {@link History}, how many
 * orders the customer has submitted and what they came to, this one included. Read once, when the
 * order is published, and stored with its event.
 */
public final class CustomerFacts {
  private CustomerFacts() {}

  /** The customer's submitted orders up to and including one order. */
  public interface History {
    /** The count and total of the customer's submitted orders up to {@code order}, or null. */
    Totals upTo(Order order);
  }

  /** A customer's submitted orders: how many, and the sum of their totals. */
  public static final class Totals {
    final long count;
    final BigDecimal spent;

    public Totals(long count, BigDecimal spent) {
      this.count = count;
      this.spent = spent;
    }
  }

  /** No history (a host that cannot query it): order count and total spent are left unknown. */
  public static final History NO_HISTORY = order -> null;

  /** The order's customer facts; only those the order knows. */
  public static Map<StoreField, String> of(Order order, History history) {
    Map<StoreField, String> facts = new EnumMap<StoreField, String>(StoreField.class);
    Customer customer = order.getCustomer();
    Address billing = billingAddress(order);
    String lastName = customer == null ? null : customer.getLastName();
    if (blank(lastName) && billing != null) lastName = billing.getLastName();
    put(facts, StoreField.LAST_NAME, lastName);
    if (billing != null) {
      if (billing.getPhonePrimary() != null) {
        put(facts, StoreField.PHONE, billing.getPhonePrimary().getPhoneNumber());
      }
      put(facts, StoreField.BILLING_CITY, billing.getCity());
      if (billing.getCountry() != null) {
        put(facts, StoreField.BILLING_COUNTRY, billing.getCountry().getName());
      }
    }
    Totals totals = customer == null ? null : history.upTo(order);
    if (totals != null) {
      facts.put(StoreField.ORDER_COUNT, Long.toString(totals.count));
      if (totals.spent != null) facts.put(StoreField.TOTAL_SPENT, totals.spent.toPlainString());
    }
    return facts;
  }

  /** The billing address of the order's first active payment that has one. */
  static Address billingAddress(Order order) {
    if (order.getPayments() == null) return null;
    for (OrderPayment p : order.getPayments()) {
      if (p.isActive() && p.getBillingAddress() != null) return p.getBillingAddress();
    }
    return null;
  }

  private static void put(Map<StoreField, String> facts, StoreField field, String value) {
    if (blank(value)) return;
    String v = value.trim();
    // The event refuses longer values and control characters; a store's odd address is cut and
    // flattened rather than costing the customer the purchase's event.
    v = v.replaceAll("\\p{Cntrl}", " ");
    if (v.length() > StoreField.MAX_VALUE_LENGTH) v = v.substring(0, StoreField.MAX_VALUE_LENGTH);
    facts.put(field, v);
  }

  private static boolean blank(String s) {
    return s == null || s.trim().isEmpty();
  }
}

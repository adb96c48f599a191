package com.ckengine.admin;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.past.PastOrder;
import com.ckengine.api.past.PastOrderCounts;
import com.ckengine.api.past.PastOrderQuery;
import com.ckengine.api.past.PastOrderSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's submitted orders as the Past Orders tab's tests see them: orders of the course
 * (product 101) added in submit order, each refunded or a test order or neither. Counts and pages
 * them the way {@link PastOrderSource} asks (the range, the products, the exclusions).
 */
public final class TestStoreOrders implements PastOrderSource {
  private static final class Order {
    final String number;
    final String email;
    final Instant submitted;
    final boolean refunded;
    final boolean test;

    Order(String number, String email, Instant submitted, boolean refunded, boolean test) {
      this.number = number;
      this.email = email;
      this.submitted = submitted;
      this.refunded = refunded;
      this.test = test;
    }
  }

  private final List<Order> orders = new ArrayList<Order>();

  public TestStoreOrders add(String number, String email, Instant submitted) {
    return add(number, email, submitted, false, false);
  }

  public TestStoreOrders add(
      String number, String email, Instant submitted, boolean refunded, boolean test) {
    orders.add(new Order(number, email, submitted, refunded, test));
    return this;
  }

  @Override
  public PastOrderCounts count(PastOrderQuery q) {
    long selected = 0;
    long refunded = 0;
    long test = 0;
    Set<String> customers = new HashSet<String>();
    for (Order o : orders) {
      if (!inRange(o, q)) continue;
      if (q.excludeRefunded() && o.refunded) {
        refunded++;
      } else if (q.excludeTest() && o.test) {
        test++;
      } else {
        selected++;
        customers.add(o.email);
      }
    }
    return new PastOrderCounts(selected, customers.size(), refunded, test);
  }

  @Override
  public List<PastOrder> page(PastOrderQuery q, String afterPosition, int max) {
    List<PastOrder> out = new ArrayList<PastOrder>();
    int start = afterPosition == null ? 0 : Integer.parseInt(afterPosition) + 1;
    for (int i = start; i < orders.size() && out.size() < max; i++) {
      Order o = orders.get(i);
      if (!inRange(o, q) || (q.excludeRefunded() && o.refunded) || (q.excludeTest() && o.test)) {
        continue;
      }
      out.add(PastOrder.of(String.valueOf(i), eventOf(o)));
    }
    return out;
  }

  /** The course is product 101: every order has a line of it. */
  private static boolean inRange(Order o, PastOrderQuery q) {
    boolean products = q.productIds().isEmpty() || q.productIds().contains(101L);
    return products && !o.submitted.isBefore(q.from()) && o.submitted.isBefore(q.to());
  }

  /** The event the live hook would have published for the order (same key). */
  private static StoreEvent eventOf(Order o) {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .occurredAt(o.submitted)
        .email(o.email)
        .reference(o.number)
        .eventKey("order:" + o.number + ":purchased")
        .currency("USD")
        .test(o.test)
        .addLine(
            EventLine.builder().productId(101).name("Course").unitPrice(BigDecimal.TEN).build())
        .build();
  }
}

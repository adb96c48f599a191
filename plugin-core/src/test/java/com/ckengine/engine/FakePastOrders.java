package com.ckengine.engine;

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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store's past orders in memory, for the engine's past-orders tests: each order one Product
 * Purchased event (the live event's key, {@code order:<n>:purchased}), with refunded and test
 * flags. Positions are the list index, zero-padded, so they sort as the orders do.
 */
final class FakePastOrders implements PastOrderSource {
  static final class Order {
    final StoreEvent event;
    final boolean refunded;

    Order(StoreEvent event, boolean refunded) {
      this.event = event;
      this.refunded = refunded;
    }
  }

  final List<Order> orders = new ArrayList<Order>();
  final AtomicInteger pagesRead = new AtomicInteger();

  /** Adds an order submitted at {@code at}; returns its live event. */
  StoreEvent add(
      String number, String email, Instant at, boolean refunded, boolean test, long... products) {
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAt(at)
            .email(email)
            .reference(number)
            .eventKey("order:" + number + ":purchased")
            .currency("USD")
            .total(new BigDecimal("10.00"))
            .test(test);
    for (long p : products) {
      b.addLine(
          EventLine.builder()
              .productId(p)
              .name("Product " + p)
              .sku("SKU" + p)
              .quantity(1)
              .unitPrice(new BigDecimal("10.00"))
              .build());
    }
    StoreEvent e = b.build();
    orders.add(new Order(e, refunded));
    return e;
  }

  private List<Integer> selected(PastOrderQuery q) {
    List<Integer> out = new ArrayList<Integer>();
    for (int i = 0; i < orders.size(); i++) {
      Order o = orders.get(i);
      if (inRangeAndProducts(q, o)
          && !(q.excludeRefunded() && o.refunded)
          && !(q.excludeTest() && o.event.isTest())) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean inRangeAndProducts(PastOrderQuery q, Order o) {
    Instant at = o.event.occurredAt();
    if (at.isBefore(q.from()) || !at.isBefore(q.to())) return false;
    if (q.productIds().isEmpty()) return true;
    for (EventLine l : o.event.lines()) if (q.productIds().contains(l.productId())) return true;
    return false;
  }

  @Override
  public PastOrderCounts count(PastOrderQuery q) {
    List<Integer> sel = selected(q);
    Set<String> customers = new HashSet<String>();
    for (int i : sel) customers.add(orders.get(i).event.email().toLowerCase(Locale.ROOT));
    long refunded = 0;
    long test = 0;
    for (Order o : orders) {
      if (!inRangeAndProducts(q, o)) continue;
      if (q.excludeRefunded() && o.refunded) refunded++;
      else if (q.excludeTest() && o.event.isTest()) test++;
    }
    return new PastOrderCounts(sel.size(), customers.size(), refunded, test);
  }

  @Override
  public List<PastOrder> page(PastOrderQuery q, String afterPosition, int max) {
    pagesRead.incrementAndGet();
    List<PastOrder> out = new ArrayList<PastOrder>();
    for (int i : selected(q)) {
      String position = String.format("%08d", i);
      if (afterPosition != null && position.compareTo(afterPosition) <= 0) continue;
      if (out.size() == max) break;
      out.add(PastOrder.of(position, orders.get(i).event));
    }
    return out;
  }
}

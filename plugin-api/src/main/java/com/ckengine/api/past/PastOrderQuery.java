package com.ckengine.api.past;

import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which past orders: submitted in [{@link #from}, {@link #to}), with a line of one of {@link
 * #productIds} (empty: any order), refunded and test orders left out when asked.
 */
public final class PastOrderQuery {
  private final Instant from;
  private final Instant to;
  private final Set<Long> productIds;
  private final boolean excludeRefunded;
  private final boolean excludeTest;

  public PastOrderQuery(
      Instant from,
      Instant to,
      Set<Long> productIds,
      boolean excludeRefunded,
      boolean excludeTest) {
    if (from == null || to == null) throw new NullPointerException("from/to");
    if (!from.isBefore(to)) throw new IllegalArgumentException("from must be before to");
    this.from = from;
    this.to = to;
    this.productIds =
        Collections.unmodifiableSet(
            productIds == null ? new TreeSet<Long>() : new TreeSet<Long>(productIds));
    this.excludeRefunded = excludeRefunded;
    this.excludeTest = excludeTest;
  }

  /** Submitted at or after this instant. */
  public Instant from() {
    return from;
  }

  /** Submitted before this instant. */
  public Instant to() {
    return to;
  }

  /** Orders with a line of one of these products; empty for any order. */
  public Set<Long> productIds() {
    return productIds;
  }

  /** The same selection, limited to orders with a line of one of {@code products}. */
  public PastOrderQuery withProducts(Set<Long> products) {
    return new PastOrderQuery(from, to, products, excludeRefunded, excludeTest);
  }

  /** Leave out orders with a refund (whole or partial). */
  public boolean excludeRefunded() {
    return excludeRefunded;
  }

  /** Leave out test orders (as the live event would mark them). */
  public boolean excludeTest() {
    return excludeTest;
  }

  @Override
  public String toString() {
    return "past orders "
        + from
        + " to "
        + to
        + (productIds.isEmpty() ? "" : " with products " + productIds)
        + (excludeRefunded ? ", without refunded" : "")
        + (excludeTest ? ", without test orders" : "");
  }
}

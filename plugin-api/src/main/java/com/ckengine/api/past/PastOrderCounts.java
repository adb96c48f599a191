package com.ckengine.api.past;

/** What a {@link PastOrderQuery} selects, counted by the host without loading the orders. */
public final class PastOrderCounts {
  private final long orders;
  private final long customers;
  private final long refundedLeftOut;
  private final long testLeftOut;

  /**
   * @param orders orders selected
   * @param customers distinct customer emails (case ignored) among them
   * @param refundedLeftOut orders the range and products select that were left out as refunded (0
   *     when the query keeps them)
   * @param testLeftOut likewise, test orders left out (an order both refunded and test counts as
   *     refunded)
   */
  public PastOrderCounts(long orders, long customers, long refundedLeftOut, long testLeftOut) {
    this.orders = orders;
    this.customers = customers;
    this.refundedLeftOut = refundedLeftOut;
    this.testLeftOut = testLeftOut;
  }

  public long orders() {
    return orders;
  }

  public long customers() {
    return customers;
  }

  public long refundedLeftOut() {
    return refundedLeftOut;
  }

  public long testLeftOut() {
    return testLeftOut;
  }

  @Override
  public String toString() {
    return orders
        + " orders, "
        + customers
        + " customers, left out: "
        + refundedLeftOut
        + " refunded, "
        + testLeftOut
        + " test";
  }
}

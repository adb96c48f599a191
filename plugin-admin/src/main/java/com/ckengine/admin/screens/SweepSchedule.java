package com.ckengine.admin.screens;

import com.ckengine.api.Trigger;

/**
 * Which of the host's catch-up sweeps publishes an event that could not be stored again, and how
 * often it runs: the storefront's order sweep takes Product Purchased, the refund sweep the two
 * refund triggers (both a {@code CatchUpSweep}: beans {@code ckSubmittedOrderSweep} and {@code
 * ckRefundSweep}). Nothing publishes other triggers again; their host has to report the fact once
 * more. Set from the same settings the sweeps read ({@code ckengine.orders.sweep.intervalSeconds},
 * {@code ckengine.refunds.sweep.intervalSeconds}), so the operator is told when a Retry happens.
 */
public final class SweepSchedule {
  private long orderSweepSeconds = 60;
  private long refundSweepSeconds = 60;

  public void setOrderSweepSeconds(long seconds) {
    this.orderSweepSeconds = Math.max(1, seconds);
  }

  public void setRefundSweepSeconds(long seconds) {
    this.refundSweepSeconds = Math.max(1, seconds);
  }

  /** True when a sweep publishes events of this trigger again. */
  public boolean retries(Trigger trigger) {
    return sweepOf(trigger) != null;
  }

  /**
   * When an event of this trigger is tried again, in the operator's words ("at the storefront's
   * next order sweep, within 60 seconds"); null when no sweep takes it up.
   */
  public String nextTry(Trigger trigger) {
    String sweep = sweepOf(trigger);
    if (sweep == null) return null;
    long every = sweep.equals(ORDER_SWEEP) ? orderSweepSeconds : refundSweepSeconds;
    return "at the "
        + sweep
        + "'s next run, within "
        + every
        + (every == 1 ? " second" : " seconds");
  }

  private static final String ORDER_SWEEP = "storefront's order sweep";

  private static String sweepOf(Trigger trigger) {
    switch (trigger) {
      case PRODUCT_PURCHASED:
      case PRODUCT_ADDED_TO_ORDER: // published with its order (OrderCatchUp)
        return ORDER_SWEEP;
      case PRODUCT_REFUNDED:
      case PRODUCT_PARTIALLY_REFUNDED:
        return "refund sweep";
      default:
        return null;
    }
  }
}

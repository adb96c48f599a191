package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.Trigger;
import org.junit.jupiter.api.Test;

/**
 * A Product Added to Order event the database refused is tried again by the storefront's order
 * sweep, which publishes it with its order: the operator is told that sweep's schedule, not the
 * refund sweep's.
 */
class AddedLineSweepScheduleTest {

  @Test
  void anAddedLineIsTriedAgainByTheOrderSweep() {
    SweepSchedule sweeps = new SweepSchedule();
    sweeps.setOrderSweepSeconds(60);
    sweeps.setRefundSweepSeconds(90);
    assertTrue(sweeps.retries(Trigger.PRODUCT_ADDED_TO_ORDER));
    assertEquals(
        "at the storefront's order sweep's next run, within 60 seconds",
        sweeps.nextTry(Trigger.PRODUCT_ADDED_TO_ORDER));
    assertEquals(
        "at the refund sweep's next run, within 90 seconds",
        sweeps.nextTry(Trigger.PRODUCT_REFUNDED));
    assertFalse(sweeps.retries(Trigger.SUBSCRIPTION_STARTED));
  }
}

package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One refund that cannot be published does not hold back the ones after it: not at the refund, not
 * in the refund sweep. The refusal is real: a database trigger on CK_EVENT that refuses the refund
 * events of chosen orders, as a constraint or a full disk would.
 */
class RefundPublishingIndependenceTest {
  private static final String TRIGGER = "CK_TEST_REFUSE_REFUNDS";
  private static Hooks hooks;
  private static RefundChecks checks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    checks = new RefundChecks(hooks);
  }

  @AfterEach
  void dropTrigger() throws Exception {
    hooks.sql("DROP TRIGGER " + TRIGGER + " IF EXISTS");
  }

  /** From now on, the database refuses the refund events of these orders. */
  private static void refuseRefundEventsOf(String... orders) throws Exception {
    hooks.sql(
        "CREATE TRIGGER "
            + TRIGGER
            + " BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N FOR EACH ROW"
            + " WHEN (N.EVENT_KEY LIKE 'refund:%' AND N.REFERENCE IN ('"
            + String.join("','", orders)
            + "')) SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
  }

  @Test
  void aRefundTheDatabaseRefusesDoesNotHoldBackTheNextAndIsPublishedOnceLater() throws Exception {
    String refused = hooks.buy("refused.refund@example.com", false, 102);
    String next = hooks.buy("next.refund@example.com", false, 106);
    String swept = hooks.buy("swept.refund@example.com", false, 102);
    checks.awaitDelivered(swept, "PRODUCT_PURCHASED");
    refuseRefundEventsOf(refused);

    String receipt = hooks.site.call("refund", refused, "refused-re_1", "29.00").get(0);
    assertTrue(receipt.contains("refunded=[102]"), receipt);
    assertEquals(List.of("29.00"), checks.refundRows(refused), "the refund is recorded");
    assertEquals(List.of("refund:" + refused + ":refused-re_1:refunded"), checks.unstored(refused));

    // The next refund is published and delivered at once.
    hooks.site.call("refund", next, "next-re_1", "49.00");
    checks.awaitDelivered(next, "PRODUCT_REFUNDED");

    // One whose event the engine's tables missed entirely is left to the refund sweep, which
    // passes the refused one (still refused) and publishes it.
    hooks.sql("ALTER TABLE CK_EVENT RENAME TO CK_EVENT_AWAY");
    try {
      hooks.site.call("refund", swept, "swept-re_1", "29.00");
    } finally {
      hooks.sql("ALTER TABLE CK_EVENT_AWAY RENAME TO CK_EVENT");
    }
    assertTrue(hooks.site.log(swept, "PRODUCT_REFUNDED").isEmpty());
    hooks.site.call("refundSweep");
    checks.awaitDelivered(swept, "PRODUCT_REFUNDED");
    assertTrue(hooks.site.log(refused, "PRODUCT_REFUNDED").isEmpty(), "still refused");
    assertEquals(1, checks.unstored(refused).size());

    // Once the database takes it, the next run publishes it, once.
    dropTrigger();
    hooks.site.call("refundSweep");
    checks.awaitDelivered(refused, "PRODUCT_REFUNDED");
    hooks.site.call("refundSweep");
    assertEquals(1, checks.events(refused, "PRODUCT_REFUNDED"));
    assertEquals(1, checks.events(next, "PRODUCT_REFUNDED"));
    assertEquals(1, checks.events(swept, "PRODUCT_REFUNDED"));
    assertTrue(checks.unstored(refused).isEmpty(), "no longer listed as waiting");
    assertTrue(hooks.tags("refused.refund@example.com").contains("refunded"));
  }

  @Test
  void aRefundOfAnOrderCanceledSinceIsStillPublishedAndHoldsBackNothing() throws Exception {
    String canceled = hooks.buy("canceled.refund@example.com", false, 102);
    String after = hooks.buy("after.refund@example.com", false, 106);
    checks.awaitDelivered(after, "PRODUCT_PURCHASED");
    refuseRefundEventsOf(canceled, after);
    hooks.site.call("refund", canceled, "canceled-re_1", "29.00");
    hooks.site.call("orderStatus", canceled, "CANCELLED");
    hooks.site.call("refund", after, "after-re_1", "49.00");
    assertEquals(1, checks.unstored(canceled).size());
    assertEquals(1, checks.unstored(after).size());

    dropTrigger();
    hooks.site.call("refundSweep");
    checks.awaitDelivered(after, "PRODUCT_REFUNDED");
    checks.awaitDelivered(canceled, "PRODUCT_REFUNDED");
    assertEquals(1, checks.events(canceled, "PRODUCT_REFUNDED"));
    assertEquals(1, checks.events(after, "PRODUCT_REFUNDED"));
  }
}

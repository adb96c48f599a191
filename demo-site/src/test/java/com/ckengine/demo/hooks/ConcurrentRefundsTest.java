package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds of one order are serialized: two reported at the same moment (two admins, a gateway
 * retrying, a form posted twice) record at most what the order allows and one refund per refund id.
 * The test holds the order's row itself, so both refunds are under way before either can record: a
 * refund that did not take the order's lock first would record while it is held.
 */
class ConcurrentRefundsTest {
  private static Hooks hooks;
  private static RefundChecks checks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    checks = new RefundChecks(hooks);
  }

  @Test
  void twoRefundsOfAllOfOneOrderAtOnceRecordOne() throws Exception {
    String order = hooks.buy("race.refund@example.com", false, 102);
    checks.awaitDelivered(order, "PRODUCT_PURCHASED");
    List<String> outcomes = refundTogether(order, "29.00", "race-re_1", "race-re_2");
    assertEquals(List.of("29.00"), checks.refundRows(order), "one refund of the 29.00 paid");
    assertEquals(
        1,
        outcomes.stream().filter(o -> o.startsWith("RefundReceipt{")).count(),
        outcomes.toString());
    assertEquals(
        1,
        outcomes.stream().filter(o -> o.contains("left to refund")).count(),
        outcomes.toString());
    checks.awaitDelivered(order, "PRODUCT_REFUNDED");
    assertEquals(1, checks.events(order, "PRODUCT_REFUNDED"));
  }

  @Test
  void theSameRefundReportedTwiceAtOnceRecordsOne() throws Exception {
    String order = hooks.buy("twice.refund@example.com", false, 106);
    checks.awaitDelivered(order, "PRODUCT_PURCHASED");
    List<String> outcomes = refundTogether(order, "49.00", "twice-re_1", "twice-re_1");
    assertEquals(List.of("49.00"), checks.refundRows(order), "one refund");
    assertEquals(
        1,
        outcomes.stream().filter(o -> o.contains("already recorded")).count(),
        outcomes.toString());
    checks.awaitDelivered(order, "PRODUCT_REFUNDED");
    assertEquals(1, checks.events(order, "PRODUCT_REFUNDED"));
  }

  /**
   * Reports two refunds of {@code amount} (all the order paid) at once, while the test holds the
   * order's row; lets go once both are under way. Returns each one's receipt or error message.
   */
  private static List<String> refundTogether(
      String order, String amount, String firstId, String secondId) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<String>> calls = new ArrayList<>();
    try (Connection holder = hooks.demo.openDatabaseConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement hold =
          holder.prepareStatement(
              "UPDATE BLC_ORDER SET ORDER_STATUS = ORDER_STATUS WHERE ORDER_NUMBER = ?")) {
        hold.setString(1, order);
        assertEquals(1, hold.executeUpdate());
      }
      for (String id : List.of(firstId, secondId)) {
        calls.add(pool.submit(() -> refund(order, id, amount)));
      }
      Thread.sleep(1500);
      assertTrue(
          checks.refundRows(order).isEmpty(),
          "no refund is recorded while another transaction holds the order");
      holder.commit();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : calls) outcomes.add(f.get(60, TimeUnit.SECONDS));
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String refund(String order, String refundId, String amount) {
    try {
      return hooks.site.call("refund", order, refundId, amount).get(0);
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }
}

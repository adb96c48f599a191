package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 19's figure on a real BLC_ORDER: 10,000 past orders on PostgreSQL, previewed through the
 * store's own BroadleafPastOrders. One order is bought over HTTP and copied in SQL ({@link
 * ClonedOrders}) into 10,000 submitted orders a minute apart, each by a customer of its own, some
 * refunded, some test; the preview's counts must be what was inserted, and its time (first call,
 * then warm) and the run's first slice's are printed, with the plugin's submit-date index and
 * without it. PostgreSQL only (the "postgres" profile's run, {@code ckdemo.test.database}).
 */
@EnabledIfSystemProperty(named = "ckdemo.test.database", matches = "postgres")
class PastOrdersPreviewFigureTest {
  private static final int ORDERS = 10_000;

  /** The run's first slice: half a window of Kit's 116 calls a minute (PastOrderFeeder). */
  private static final int FIRST_SLICE = 58;

  private static final int REPEATS = 5;

  private static final String ORDER_ID_BY_NUMBER =
      "SELECT ORDER_ID FROM BLC_ORDER WHERE ORDER_NUMBER = ?";

  /** The plugin's index on BLC_ORDER (SUBMIT_DATE), OrderCatchUp.SUBMIT_DATE_INDEX. */
  private static final String DROP_INDEX = "DROP INDEX CK_ORDER_SUBMIT_DATE";

  private static final String CREATE_INDEX =
      "CREATE INDEX CK_ORDER_SUBMIT_DATE ON BLC_ORDER (SUBMIT_DATE)";

  /** The shape of the preview's main count (BroadleafPastOrders.SUBMITTED_IN_RANGE), to EXPLAIN. */
  private static final String EXPLAIN_COUNT =
      "EXPLAIN ANALYZE SELECT count(o.ORDER_ID) FROM BLC_ORDER o "
          + "LEFT JOIN BLC_CUSTOMER c ON c.CUSTOMER_ID = o.CUSTOMER_ID "
          + "WHERE o.ORDER_STATUS = 'SUBMITTED' AND o.SUBMIT_DATE >= ? AND o.SUBMIT_DATE < ?";

  @Test
  void tenThousandOrdersOnPostgresArePreviewedWithTheCountsInserted() throws Exception {
    Hooks hooks = Hooks.get();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Instant from = start;
    Instant to = start.plusSeconds(60L * (ORDERS + 1));

    String bought = hooks.buy("pastfig.source@example.com", false, 102);
    hooks.site.call("sweepScheduled", "false");
    long rule =
        Long.parseLong(
            hooks
                .site
                .call(
                    "rule",
                    String.valueOf(hooks.integration),
                    "PRODUCT_PURCHASED",
                    "ADD_TAG",
                    "",
                    "pastfig")
                .get(0));
    try (Connection c = hooks.demo.openDatabaseConnection()) {
      long t0 = System.nanoTime();
      c.setAutoCommit(false);
      ClonedOrders.copy(c, orderId(c, bought), ORDERS, Timestamp.from(start));
      c.commit();
      c.setAutoCommit(true);
      System.out.printf(
          "copied order %s into %d orders in %d ms%n",
          bought, ORDERS, (System.nanoTime() - t0) / 1_000_000);

      int refunded = ClonedOrders.refunded(ORDERS);
      int test = ClonedOrders.testNotRefunded(ORDERS);
      int kept = ORDERS - refunded - test;

      Figure withIndex = measure(hooks, rule, from, to);
      assertEquals(
          List.of(kept, kept, refunded, test, kept), withIndex.counts, "preview with exclusions");
      assertEquals(FIRST_SLICE, withIndex.sliceSize, "first slice");
      assertEquals(0, withIndex.sliceUnusable, "every copy reads as a Product Purchased event");
      assertEquals(
          start.plusSeconds(60).toEpochMilli() + ":" + (ClonedOrders.ID_BASE + 1),
          withIndex.firstPosition,
          "the first slice starts at the first copy");
      List<String> all = previewAll(hooks, rule, from, to);
      assertEquals(String.valueOf(ORDERS), all.get(0), "orders, nothing left out");
      assertEquals(String.valueOf(ORDERS), all.get(1), "customers, nothing left out");
      System.out.println(explain(c, from, to));

      try (Statement s = c.createStatement()) {
        s.execute(DROP_INDEX);
      }
      Figure withoutIndex;
      try {
        withoutIndex = measure(hooks, rule, from, to);
        System.out.println(explain(c, from, to));
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute(CREATE_INDEX);
        }
      }
      assertEquals(withIndex.counts, withoutIndex.counts, "the same counts without the index");

      System.out.printf(
          "preview of %d orders on PostgreSQL through BroadleafPastOrders (%d kept, %d refunded"
              + " and %d test left out, %d customers):%n"
              + "  with CK_ORDER_SUBMIT_DATE: preview %s ms, first slice of %d orders %s ms%n"
              + "  without it:               preview %s ms, first slice of %d orders %s ms%n",
          ORDERS,
          kept,
          refunded,
          test,
          kept,
          withIndex.previewMs,
          FIRST_SLICE,
          withIndex.sliceMs,
          withoutIndex.previewMs,
          FIRST_SLICE,
          withoutIndex.sliceMs);
    } finally {
      hooks.site.call("ruleEnabled", String.valueOf(rule), "false");
      hooks.site.call("sweepScheduled", "true");
    }
  }

  /** The preview and the first slice, {@value #REPEATS} times each, exclusions on. */
  private static Figure measure(Hooks hooks, long rule, Instant from, Instant to) {
    List<String> out =
        hooks.site.call(
            "pastTimed",
            String.valueOf(hooks.integration),
            String.valueOf(from.toEpochMilli()),
            String.valueOf(to.toEpochMilli()),
            String.valueOf(rule),
            "true",
            "true",
            String.valueOf(REPEATS),
            String.valueOf(FIRST_SLICE));
    Figure f = new Figure();
    for (String n : out.get(0).split(",")) f.counts.add(Integer.valueOf(n));
    f.previewMs = "[" + out.get(1).replace(",", ", ") + "]";
    f.sliceMs = "[" + out.get(2).replace(",", ", ") + "]";
    String[] slice = out.get(3).split(",");
    f.sliceSize = Integer.parseInt(slice[0]);
    f.sliceUnusable = Integer.parseInt(slice[1]);
    f.firstPosition = slice[2];
    return f;
  }

  private static List<String> previewAll(Hooks hooks, long rule, Instant from, Instant to) {
    return List.of(
        hooks
            .site
            .call(
                "pastPreview",
                String.valueOf(hooks.integration),
                String.valueOf(from.toEpochMilli()),
                String.valueOf(to.toEpochMilli()),
                String.valueOf(rule),
                "false",
                "false")
            .get(0)
            .split(","));
  }

  private static long orderId(Connection c, String number) throws Exception {
    try (PreparedStatement q = c.prepareStatement(ORDER_ID_BY_NUMBER)) {
      q.setString(1, number);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String explain(Connection c, Instant from, Instant to) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement q = c.prepareStatement(EXPLAIN_COUNT)) {
      q.setTimestamp(1, Timestamp.from(from));
      q.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) plan.append("  ").append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  /** One measure: the preview's counts and times, the first slice's times and what it held. */
  private static final class Figure {
    final List<Integer> counts = new ArrayList<>();
    String previewMs;
    String sliceMs;
    int sliceSize;
    int sliceUnusable;
    String firstPosition;
  }
}

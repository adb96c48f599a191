package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL with a month of log (100,000 events, most of them old and kept), retention's reads
 * go through their indexes and stop after a batch: the plans of the SQL that {@link ActionStore}'s
 * retention queries make ({@code OLD_EVENTS_AFTER}, {@code EVENTS_FINISHED_SINCE}).
 */
@Tag("postgres")
class RetentionQueryPlansPostgresTest {
  static final int ROWS = 100_000;
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  static final long STEP = 26_000L; // a month over ROWS events

  @Test
  void oldEventsAreReadByTheReceivedIndexAndFinishedActionsByTheFinishedIndex() throws Exception {
    try (Connection c = TestDatabases.postgresConnection(TestDatabases.newPostgresSchema());
        Statement s = c.createStatement()) {
      String when = START + " + g::bigint * " + STEP;
      s.execute(
          "insert into CK_EVENT (ID, EVENT_KEY, TRIGGER_TYPE, OCCURRED_AT, RECEIVED_AT, EMAIL,"
              + " REFERENCE, TEST_EVENT) select g, 'order:' || g, 'PRODUCT_PURCHASED', "
              + when
              + ", "
              + when
              + ", 'c@example.com', 'O' || g, false from generate_series(1, "
              + ROWS
              + ") g");
      // Nine in ten FAILED (kept, no finish time), the rest delivered when received.
      s.execute(
          "insert into CK_ACTION (ID, EVENT_ID, IDEMPOTENCY_KEY, INTEGRATION_ID, ACTION_TYPE,"
              + " STATUS, TRIGGER_TYPE, EMAIL, EMAIL_LC, REFERENCE, TEST_EVENT, CREATED_AT, DUE_AT,"
              + " FIRST_DUE_AT, FINISHED_AT, ATTEMPTS, IN_DOUBT) select g, g, 'k' || g, 1, 'ADD_TAG',"
              + " case when g % 10 = 0 then 'DELIVERED' else 'FAILED' end, 'PRODUCT_PURCHASED',"
              + " 'c@example.com', 'c@example.com', 'O' || g, false, "
              + when
              + ", "
              + when
              + ", "
              + when
              + ", case when g % 10 = 0 then "
              + when
              + " end, 1, false from generate_series(1, "
              + ROWS
              + ") g");
      s.execute("analyze");
      long cutoff = START + (ROWS - 1000) * STEP;
      long position = START + 5000 * STEP;
      String forward =
          plan(
              s,
              "select id, received_at from CK_EVENT where received_at >= "
                  + position
                  + " and received_at < "
                  + cutoff
                  + " and (received_at > "
                  + position
                  + " or id > 5000) order by received_at, id limit 1000");
      assertTrue(forward.contains("Scan using ck_event_received"), forward);
      assertFalse(forward.contains("Sort"), "read in index order, no sort: " + forward);
      assertTrue(forward.contains("Limit"), forward);

      String finished =
          plan(
              s,
              "select distinct event_id from CK_ACTION where finished_at >= "
                  + (START + (ROWS - 200) * STEP));
      assertTrue(
          finished.contains("ck_action_finished"), "reads this hour's finishes only: " + finished);
    }
  }

  static String plan(Statement s, String sql) throws Exception {
    StringBuilder b = new StringBuilder();
    try (ResultSet rs = s.executeQuery("explain " + sql)) {
      while (rs.next()) b.append(rs.getString(1)).append('\n');
    }
    return b.toString();
  }
}

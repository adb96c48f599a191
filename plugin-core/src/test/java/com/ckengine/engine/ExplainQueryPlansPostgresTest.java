package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL with a busy log (100,000 actions, one customer with 400 of them, more than the
 * explanation reads), Logs' "Why?" reads bounded rows: the customer's latest action rows through
 * {@code CK_ACTION_EMAIL} under a limit, read in the index's order (no sort of the customer's whole
 * history), and the explained events' actions through {@code CK_ACTION_EVENT}: the plans of the SQL
 * {@link LogExplainer}'s queries make ({@code LATEST_EVENT_IDS_OF_EMAIL}, {@code
 * ACTIONS_OF_EVENTS}).
 */
@Tag("postgres")
class ExplainQueryPlansPostgresTest {
  static final int ROWS = 100_000;
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  @Test
  void theEmailsLatestRowsAndTheirEventsActionsAreReadThroughIndexes() throws Exception {
    try (Connection c = TestDatabases.postgresConnection(TestDatabases.newPostgresSchema());
        Statement s = c.createStatement()) {
      // Every 250th action is the busy customer's; the others belong to 10,000 other customers.
      s.execute(
          "insert into CK_ACTION (ID, EVENT_ID, IDEMPOTENCY_KEY, INTEGRATION_ID, ACTION_TYPE,"
              + " STATUS, TRIGGER_TYPE, EMAIL, EMAIL_LC, REFERENCE, TEST_EVENT, CREATED_AT, DUE_AT,"
              + " FIRST_DUE_AT, ATTEMPTS, IN_DOUBT) select g, g, 'k' || g, 1, 'ADD_TAG', 'DELIVERED',"
              + " 'PRODUCT_PURCHASED', e, e, 'O' || g, false, "
              + START
              + " + g * 1000, 0, 0, 1, false from (select g, case when g % 250 = 0 then"
              + " 'busy@example.com' else 'c' || (g % 10000) || '@example.com' end e"
              + " from generate_series(1, "
              + ROWS
              + ") g) x");
      s.execute("analyze");

      String latest =
          RetentionQueryPlansPostgresTest.plan(
              s,
              "select event_id from CK_ACTION where email_lc = 'busy@example.com'"
                  + " order by created_at desc limit "
                  + LogExplainer.MAX_ACTION_ROWS);
      assertTrue(latest.contains("ck_action_email"), latest);
      assertTrue(latest.contains("Limit"), latest);
      assertFalse(latest.contains("Sort"), "read in the index's order, no sort: " + latest);

      StringBuilder ids = new StringBuilder();
      for (int n = 1; n <= LogExplainer.MAX_EVENTS; n++)
        ids.append(n == 1 ? "" : ",").append(n * 250);
      String actions =
          RetentionQueryPlansPostgresTest.plan(
              s, "select * from CK_ACTION where event_id in (" + ids + ") order by id");
      assertTrue(actions.contains("ck_action_event"), actions);
    }
  }
}

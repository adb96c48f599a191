package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The purchase records' two reads go through indexes on PostgreSQL: the reconcile floor ({@code
 * ActionStore.HIGHEST_KIT_PURCHASE_ID}: the highest Kit purchase id of one integration) and their
 * retention ({@code ActionStore.OLD_PURCHASE_RECORDS}: sent before a time).
 */
@Tag("postgres")
class PurchaseRecordIndexesPostgresTest {
  static final int ROWS = 60_000;

  @Test
  void theReconcileFloorAndRetentionReadIndexes() throws Exception {
    try (Connection c = TestDatabases.postgresConnection(TestDatabases.newPostgresSchema());
        Statement s = c.createStatement()) {
      s.execute(
          "insert into CK_PURCHASE_SENT (INTEGRATION_ID, TRANSACTION_ID, ACTION_ID,"
              + " KIT_PURCHASE_ID, SENT_AT) select 1 + g % 3, 'O' || g, g, 1000 + g,"
              + " 1767225600000 + g::bigint * 60000 from generate_series(1, "
              + ROWS
              + ") g");
      s.execute("analyze");
      String floor =
          RetentionQueryPlansPostgresTest.plan(
              s, "select max(kit_purchase_id) from CK_PURCHASE_SENT where integration_id = 2");
      assertTrue(floor.contains("ck_purchase_kit_id"), floor);
      String old =
          RetentionQueryPlansPostgresTest.plan(
              s,
              "select integration_id, transaction_id from CK_PURCHASE_SENT where sent_at < "
                  + (1767225600000L + 500 * 60000L)
                  + " limit 1000");
      assertTrue(old.contains("ck_purchase_sent_at"), old);
    }
  }
}

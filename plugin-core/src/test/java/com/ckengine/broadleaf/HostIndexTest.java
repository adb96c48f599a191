package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.broadleaf.refund.RefundCatchUp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The refund sweep's index on Broadleaf's payment transactions (type, then date) is made once, and
 * not when the site already has one starting with those columns.
 */
class HostIndexTest {
  static final HostIndex INDEX = RefundCatchUp.TYPE_DATE_INDEX;

  @Test
  void theRefundSweepsIndexIsCreatedOnceOnTypeThenDate() throws Exception {
    try (Connection c = paymentTransactions()) {
      assertFalse(INDEX.exists(c));
      assertTrue(INDEX.ensure(c), "created");
      assertTrue(INDEX.exists(c));
      assertFalse(INDEX.ensure(c), "already there");
    }
  }

  @Test
  void anIndexOnTheTypeAloneDoesNotServeButOneStartingWithBothDoes() throws Exception {
    try (Connection c = paymentTransactions();
        Statement s = c.createStatement()) {
      s.execute("CREATE INDEX BY_TYPE ON BLC_ORDER_PAYMENT_TRANSACTION (TRANSACTION_TYPE)");
      assertFalse(INDEX.exists(c), "the date must be the index's second column");
      s.execute(
          "CREATE INDEX SITE_OWN ON BLC_ORDER_PAYMENT_TRANSACTION "
              + "(TRANSACTION_TYPE, DATE_RECORDED, SUCCESS)");
      assertTrue(INDEX.exists(c));
      assertFalse(INDEX.ensure(c), "the site's own index serves");
    }
  }

  private static Connection paymentTransactions() throws Exception {
    Connection c =
        DriverManager.getConnection(
            "jdbc:hsqldb:mem:host" + UUID.randomUUID().toString().replace("-", ""), "SA", "");
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE BLC_ORDER_PAYMENT_TRANSACTION (PAYMENT_TRANSACTION_ID BIGINT PRIMARY KEY,"
              + " TRANSACTION_TYPE VARCHAR(255), DATE_RECORDED TIMESTAMP, SUCCESS BOOLEAN)");
    }
    return c;
  }
}

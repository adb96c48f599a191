package com.ckengine.broadleaf.refund;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serializes the refunds of one order: the first statement of a refund's transaction takes the
 * write lock of the order's row in Broadleaf's {@code BLC_ORDER}, so a second refund of the same
 * order (another admin, a double-submitted form, a gateway retrying) waits until the first commits
 * and then reads its refund in the ledger. Refunds of other orders do not wait.
 *
 * <p>An UPDATE that leaves the row as it is, rather than {@code SELECT ... FOR UPDATE}: HSQLDB's
 * MVCC mode (the demo's and many tests') does not lock rows on FOR UPDATE, while an UPDATE locks
 * the row on HSQLDB and PostgreSQL alike; in READ COMMITTED, the default of both, the waiting
 * refund's next statements see what the first one committed. Run through JDBC on the transaction's
 * own connection, so Hibernate evicts nothing from its caches (nothing changed).
 */
final class OrderRowLock {
  static final String LOCK_ORDER_ROW =
      "UPDATE BLC_ORDER SET ORDER_STATUS = ORDER_STATUS WHERE ORDER_NUMBER = ?";

  private OrderRowLock() {}

  /**
   * Takes the order row's lock until {@code c}'s transaction ends (waiting while another holds it).
   *
   * @return false when there is no such order
   */
  static boolean lock(Connection c, String orderNumber) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(LOCK_ORDER_ROW)) {
      s.setString(1, orderNumber);
      return s.executeUpdate() > 0;
    }
  }
}

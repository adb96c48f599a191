package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the refund tests look at in the running store: its log, its refunds and its tables. */
final class RefundChecks {
  private final Hooks hooks;

  RefundChecks(Hooks hooks) {
    this.hooks = hooks;
  }

  /** Distinct events (not actions) of a trigger on the order. */
  long events(String order, String trigger) {
    return hooks.site.log(order, trigger).stream().map(e -> e.split("\\|")[6]).distinct().count();
  }

  /** Waits until the order has actions of this trigger and all of them are delivered. */
  void awaitDelivered(String order, String trigger) {
    await(
        trigger + " of " + order,
        Duration.ofSeconds(60),
        () -> {
          List<String> l = hooks.site.log(order, trigger);
          return Hooks.allFinal(l) && l.stream().allMatch(e -> e.contains("|DELIVERED|"));
        });
  }

  /** The order's REFUND transactions (amounts, oldest first), each with the capture as parent. */
  List<String> refundRows(String order) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT t.TRANSACTION_AMOUNT, p.TRANSACTION_TYPE FROM BLC_ORDER_PAYMENT_TRANSACTION t "
                    + "JOIN BLC_ORDER_PAYMENT_TRANSACTION p ON p.PAYMENT_TRANSACTION_ID = t.PARENT_TRANSACTION "
                    + "JOIN BLC_ORDER_PAYMENT op ON op.ORDER_PAYMENT_ID = t.ORDER_PAYMENT "
                    + "JOIN BLC_ORDER o ON o.ORDER_ID = op.ORDER_ID "
                    + "WHERE o.ORDER_NUMBER = ? AND t.TRANSACTION_TYPE = 'REFUND' ORDER BY t.PAYMENT_TRANSACTION_ID")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          assertEquals("AUTHORIZE_AND_CAPTURE", rs.getString(2));
          out.add(rs.getBigDecimal(1).setScale(2).toPlainString());
        }
      }
    }
    return out;
  }

  /** Event keys of the order's events the database refused, still waiting to be stored. */
  List<String> unstored(String order) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT EVENT_KEY FROM CK_UNSTORED_EVENT WHERE REFERENCE = ? ORDER BY EVENT_KEY")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.add(rs.getString(1));
      }
    }
    return out;
  }

  long orderId(String order) throws Exception {
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT ORDER_ID FROM BLC_ORDER WHERE ORDER_NUMBER = ?")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), "order " + order);
        return rs.getLong(1);
      }
    }
  }
}

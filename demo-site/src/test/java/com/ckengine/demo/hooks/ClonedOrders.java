package com.ckengine.demo.hooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies one real Broadleaf order, in SQL on PostgreSQL, into {@code n} submitted orders: order
 * {@code g} (1..n) is submitted {@code g} minutes after {@code start}, by a customer of its own
 * ({@code pastfig-g@example.com}), with copies of the rows BroadleafPastOrders reads: its lines
 * (BLC_ORDER_ITEM, BLC_DISCRETE_ORDER_ITEM), its payments and their transactions, its customer.
 * Every {@value #REFUND_EVERY}th copy gets a REFUND transaction; every {@value #TEST_EVERY}th keeps
 * the original's (test) payment gateway, the others a real one's name. New ids start at {@value
 * #ID_BASE}, far above what Broadleaf's generator hands out in a test run.
 */
final class ClonedOrders {
  static final long ID_BASE = 50_000_000L;
  static final int REFUND_EVERY = 10;
  static final int TEST_EVERY = 25;

  /** Each copied order's rows of one kind take ids {@code base + g * SLOTS + k}, k < SLOTS. */
  private static final int SLOTS = 10;

  /** The gateway the non-test copies' payments name: none the demo counts as a test one. */
  private static final String REAL_GATEWAY = "CK_FIGURE_REAL";

  private ClonedOrders() {}

  /** How many copies were given a REFUND transaction. */
  static int refunded(int n) {
    return n / REFUND_EVERY;
  }

  /**
   * How many copies are test orders and not refunded (a refunded test order counts as refunded).
   */
  static int testNotRefunded(int n) {
    int test = 0;
    for (int g = 1; g <= n; g++) if (g % TEST_EVERY == 0 && g % REFUND_EVERY != 0) test++;
    return test;
  }

  static void copy(Connection c, long orderId, int n, java.sql.Timestamp start)
      throws SQLException {
    String series = " FROM %s src, generate_series(1, " + n + ") g WHERE src.%s = ";
    long customerId = longOf(c, "SELECT CUSTOMER_ID FROM BLC_ORDER WHERE ORDER_ID = " + orderId);
    String email = "'pastfig-' || g || '@example.com'";
    String submitted = "(timestamp '" + start + "' + g * interval '1 minute')";

    Map<String, String> customer = new LinkedHashMap<>();
    customer.put("CUSTOMER_ID", "(" + (ID_BASE) + " + g)");
    customer.put("EMAIL_ADDRESS", email);
    customer.put("USER_NAME", email);
    insert(
        c,
        "BLC_CUSTOMER",
        customer,
        String.format(series, "BLC_CUSTOMER", "CUSTOMER_ID") + customerId);

    Map<String, String> order = new LinkedHashMap<>();
    order.put("ORDER_ID", "(" + ID_BASE + " + g)");
    order.put("CUSTOMER_ID", "(" + ID_BASE + " + g)");
    order.put("ORDER_NUMBER", "'PASTFIG-' || g");
    order.put("EMAIL_ADDRESS", email);
    order.put("ORDER_STATUS", "'SUBMITTED'");
    order.put("SUBMIT_DATE", submitted);
    insert(c, "BLC_ORDER", order, String.format(series, "BLC_ORDER", "ORDER_ID") + orderId);

    List<Long> items =
        ids(c, "SELECT ORDER_ITEM_ID FROM BLC_ORDER_ITEM WHERE ORDER_ID = " + orderId);
    for (int k = 0; k < items.size(); k++) {
      String newId = "(" + ID_BASE + " + g * " + SLOTS + " + " + k + ")";
      Map<String, String> item = new LinkedHashMap<>();
      item.put("ORDER_ITEM_ID", newId);
      item.put("ORDER_ID", "(" + ID_BASE + " + g)");
      item.put("PARENT_ORDER_ITEM_ID", "NULL");
      insert(
          c,
          "BLC_ORDER_ITEM",
          item,
          String.format(series, "BLC_ORDER_ITEM", "ORDER_ITEM_ID") + items.get(k));
      Map<String, String> discrete = new LinkedHashMap<>();
      discrete.put("ORDER_ITEM_ID", newId);
      discrete.put("BUNDLE_ORDER_ITEM_ID", "NULL");
      insert(
          c,
          "BLC_DISCRETE_ORDER_ITEM",
          discrete,
          String.format(series, "BLC_DISCRETE_ORDER_ITEM", "ORDER_ITEM_ID") + items.get(k));
    }

    List<Long> payments =
        ids(c, "SELECT ORDER_PAYMENT_ID FROM BLC_ORDER_PAYMENT WHERE ORDER_ID = " + orderId);
    for (int k = 0; k < payments.size(); k++) {
      String newPayment = "(" + ID_BASE + " + g * " + SLOTS + " + " + k + ")";
      Map<String, String> payment = new LinkedHashMap<>();
      payment.put("ORDER_PAYMENT_ID", newPayment);
      payment.put("ORDER_ID", "(" + ID_BASE + " + g)");
      payment.put(
          "GATEWAY_TYPE",
          "CASE WHEN g % "
              + TEST_EVERY
              + " = 0 THEN src.GATEWAY_TYPE ELSE '"
              + REAL_GATEWAY
              + "' END");
      insert(
          c,
          "BLC_ORDER_PAYMENT",
          payment,
          String.format(series, "BLC_ORDER_PAYMENT", "ORDER_PAYMENT_ID") + payments.get(k));
      List<Long> transactions =
          ids(
              c,
              "SELECT PAYMENT_TRANSACTION_ID FROM BLC_ORDER_PAYMENT_TRANSACTION WHERE ORDER_PAYMENT = "
                  + payments.get(k));
      for (int t = 0; t < transactions.size(); t++) {
        Map<String, String> tx = new LinkedHashMap<>();
        tx.put(
            "PAYMENT_TRANSACTION_ID",
            "(" + ID_BASE + " + (g * " + SLOTS + " + " + k + ") * " + SLOTS + " + " + t + ")");
        tx.put("ORDER_PAYMENT", newPayment);
        tx.put("PARENT_TRANSACTION", "NULL");
        // Recorded when the copy was submitted: long before the refund sweep's watermark.
        tx.put("DATE_RECORDED", submitted);
        String where =
            String.format(series, "BLC_ORDER_PAYMENT_TRANSACTION", "PAYMENT_TRANSACTION_ID")
                + transactions.get(t);
        insert(c, "BLC_ORDER_PAYMENT_TRANSACTION", tx, where);
        if (k == 0 && t == 0) {
          // The refunded copies: one more transaction, a REFUND, in the last slot.
          tx.put(
              "PAYMENT_TRANSACTION_ID",
              "(" + ID_BASE + " + (g * " + SLOTS + ") * " + SLOTS + " + " + (SLOTS - 1) + ")");
          tx.put("TRANSACTION_TYPE", "'REFUND'");
          insert(
              c, "BLC_ORDER_PAYMENT_TRANSACTION", tx, where + " AND g % " + REFUND_EVERY + " = 0");
        }
      }
    }
    try (Statement s = c.createStatement()) {
      // A store's tables have statistics; freshly bulk-inserted ones get them at once here.
      for (String t :
          new String[] {
            "BLC_CUSTOMER",
            "BLC_ORDER",
            "BLC_ORDER_ITEM",
            "BLC_DISCRETE_ORDER_ITEM",
            "BLC_ORDER_PAYMENT",
            "BLC_ORDER_PAYMENT_TRANSACTION"
          }) s.execute("ANALYZE " + t);
    }
  }

  /** INSERT INTO table (every column) SELECT (the override, else src's column) FROM ... */
  private static void insert(Connection c, String table, Map<String, String> overrides, String from)
      throws SQLException {
    List<String> columns = columns(c, table);
    for (String o : overrides.keySet()) {
      if (!columns.contains(o)) throw new IllegalStateException(table + " has no column " + o);
    }
    List<String> values = new ArrayList<>();
    for (String col : columns) values.add(overrides.getOrDefault(col, "src." + col));
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") SELECT "
            + String.join(", ", values)
            + from;
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  private static List<String> columns(Connection c, String table) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs =
        c.getMetaData().getColumns(null, null, table.toLowerCase(Locale.ROOT), null)) {
      while (rs.next()) out.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
    }
    if (out.isEmpty()) throw new IllegalStateException("no table " + table);
    return out;
  }

  private static long longOf(Connection c, String sql) throws SQLException {
    List<Long> ids = ids(c, sql);
    if (ids.size() != 1 || ids.get(0) == null) throw new IllegalStateException(sql + " -> " + ids);
    return ids.get(0);
  }

  private static List<Long> ids(Connection c, String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql);
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) out.add(rs.getLong(1));
    }
    return out;
  }
}

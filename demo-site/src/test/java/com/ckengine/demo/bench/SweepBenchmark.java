package com.ckengine.demo.bench;

import com.ckengine.demo.hooks.Site;
import com.ckengine.demo.launcher.DemoOptions;
import com.ckengine.demo.launcher.DemoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Arrays;

/**
 * The order sweep's cost per run with 100,000 submitted orders on PostgreSQL. Empties the database
 * that CKIE_PG_URL names (drops its public schema), starts the demo on it, inserts the orders with
 * SQL (submitted 4 to 39 days ago, so outside the sweep's 72 h look-back: a big, old order table),
 * then times runs of the sweep: the first run after a start (keyset query from 72 h back) and the
 * steady-state run (from the previous run's watermark), with the sweep's index and without it.
 * Figures: docs/benchmarks.md.
 */
public final class SweepBenchmark {
  private static final int ORDERS = 100_000;
  private static final int RUNS = 200;

  public static void main(String[] args) throws Exception {
    String url = System.getenv("CKIE_PG_URL");
    String user = System.getenv("CKIE_PG_USER");
    String password = System.getenv("CKIE_PG_PASSWORD");
    if (url == null)
      throw new IllegalStateException("set CKIE_PG_URL, CKIE_PG_USER, CKIE_PG_PASSWORD");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    Path data = Files.createTempDirectory("ckdemo-sweep-bench");
    Path overrides = data.resolve("bench.properties");
    // The scheduled sweep stays out of the way; the benchmark runs it itself.
    Files.writeString(overrides, "ckengine.orders.sweep.startDelaySeconds=86400\n");
    System.setProperty("property-override", overrides.toString());
    try (DemoServer demo =
        DemoServer.start(
            DemoOptions.builder()
                .port(0)
                .kitPort(0)
                .dataDir(data.toFile())
                .reset(true)
                .jdbcUrl(url)
                .jdbcUser(user)
                .jdbcPassword(password)
                .build())) {
      insertOrders(demo);
      Site site = new Site(demo);
      site.sweep(); // warm-up
      System.out.println("orders in BLC_ORDER: " + count(demo));
      report("with index", site);
      try (Connection c = demo.openDatabaseConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("DROP INDEX CK_ORDER_SUBMIT_DATE");
        s.execute("ANALYZE BLC_ORDER");
      }
      report("without index", site);
    }
  }

  private static void report(String label, Site site) {
    double[] first = new double[RUNS];
    double[] steady = new double[RUNS];
    String last = null;
    for (int i = 0; i < RUNS; i++) {
      site.call("resetSweep");
      long t0 = System.nanoTime();
      last = site.sweep();
      first[i] = (System.nanoTime() - t0) / 1e6;
      long t1 = System.nanoTime();
      site.sweep();
      steady[i] = (System.nanoTime() - t1) / 1e6;
    }
    System.out.printf(
        "sweep run, %s, first run after start: median %.2f ms, p95 %.2f ms (last: %s)%n",
        label, pct(first, 50), pct(first, 95), last);
    System.out.printf(
        "sweep run, %s, steady state:          median %.2f ms, p95 %.2f ms%n",
        label, pct(steady, 50), pct(steady, 95));
  }

  private static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
  }

  private static void insertOrders(DemoServer demo) throws Exception {
    long now = System.currentTimeMillis();
    try (Connection c = demo.openDatabaseConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO BLC_CUSTOMER (CUSTOMER_ID, EMAIL_ADDRESS, FIRST_NAME) "
                + "VALUES (990000001, 'bench@example.com', 'Bench')");
      }
      try (PreparedStatement q =
          c.prepareStatement(
              "INSERT INTO BLC_ORDER (ORDER_ID, ORDER_NUMBER, ORDER_STATUS, SUBMIT_DATE, EMAIL_ADDRESS,"
                  + " CUSTOMER_ID, ORDER_TOTAL, ORDER_SUBTOTAL, CURRENCY_CODE) "
                  + "VALUES (?, ?, 'SUBMITTED', ?, 'bench@example.com', 990000001, 10, 10, 'USD')")) {
        for (int i = 0; i < ORDERS; i++) {
          long id = 900_000_000L + i;
          q.setLong(1, id);
          q.setString(2, "BENCH" + id);
          // 4 days back, then one order every 30 s further into the past.
          q.setTimestamp(3, new Timestamp(now - 4L * 86_400_000L - i * 30_000L));
          q.addBatch();
          if (i % 5000 == 4999) q.executeBatch();
        }
        q.executeBatch();
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("ANALYZE BLC_ORDER");
      }
    }
  }

  private static long count(DemoServer demo) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM BLC_ORDER")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

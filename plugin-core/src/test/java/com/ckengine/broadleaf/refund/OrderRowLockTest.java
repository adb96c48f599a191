package com.ckengine.broadleaf.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ckengine.engine.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The order row lock makes a refund's ledger check and its write one step per order, on HSQLDB
 * (MVCC, as the demo runs it) and PostgreSQL: two refunds of one order asking for all of it at the
 * same moment record one, and the second sees the first. Refunds of other orders do not wait. Plain
 * JDBC on Broadleaf's table and column names, as {@link OrderRowLock} runs.
 */
class OrderRowLockTest {
  private static final BigDecimal PAID = new BigDecimal("29.00");

  interface Db {
    Connection open() throws Exception;
  }

  @Test
  void hsqldbTwoRefundsOfOneOrderAtOnceRecordOne() throws Exception {
    twoRefundsOfOneOrderAtOnceRecordOne(hsqldb());
  }

  @Test
  void hsqldbRefundsOfOtherOrdersDoNotWait() throws Exception {
    refundsOfOtherOrdersDoNotWait(hsqldb());
  }

  @Test
  @Tag("postgres")
  void postgresTwoRefundsOfOneOrderAtOnceRecordOne() throws Exception {
    twoRefundsOfOneOrderAtOnceRecordOne(postgres());
  }

  @Test
  @Tag("postgres")
  void postgresRefundsOfOtherOrdersDoNotWait() throws Exception {
    refundsOfOtherOrdersDoNotWait(postgres());
  }

  private static void twoRefundsOfOneOrderAtOnceRecordOne(Db db) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch firstChecked = new CountDownLatch(1);
      CountDownLatch secondStarted = new CountDownLatch(1);
      // The first checks the ledger, then waits until the second has started before it writes:
      // without the lock both would see nothing refunded yet.
      Future<Boolean> first = pool.submit(() -> refund(db, "1001", firstChecked, secondStarted));
      assertTrue(firstChecked.await(10, TimeUnit.SECONDS));
      Future<Boolean> second =
          pool.submit(
              () -> {
                secondStarted.countDown();
                return refund(db, "1001", null, null);
              });
      assertTrue(first.get(10, TimeUnit.SECONDS), "the first is recorded");
      assertFalse(second.get(10, TimeUnit.SECONDS), "the second sees the first and is refused");
      assertEquals(1, refunds(db, "1001"));
    } finally {
      pool.shutdownNow();
    }
  }

  private static void refundsOfOtherOrdersDoNotWait(Db db) throws Exception {
    try (Connection holder = db.open()) {
      holder.setAutoCommit(false);
      assertTrue(OrderRowLock.lock(holder, "1001"));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        assertTrue(pool.submit(() -> refund(db, "1002", null, null)).get(5, TimeUnit.SECONDS));
      } finally {
        pool.shutdownNow();
        holder.rollback();
      }
    }
  }

  /**
   * One refund of all of the order, as BroadleafOrderRefunds makes it: lock, check the ledger,
   * write, commit. Between check and write it signals {@code checked} and waits for {@code go}.
   *
   * @return true when recorded, false when nothing was left to refund
   */
  private static boolean refund(Db db, String order, CountDownLatch checked, CountDownLatch go)
      throws Exception {
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      assertTrue(OrderRowLock.lock(c, order), "the order exists");
      BigDecimal refunded;
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT COALESCE(SUM(AMOUNT), 0) FROM CK_TEST_REFUND WHERE ORDER_NUMBER = ?")) {
        q.setString(1, order);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          refunded = rs.getBigDecimal(1);
        }
      }
      if (checked != null) checked.countDown();
      if (go != null) {
        assertTrue(go.await(10, TimeUnit.SECONDS));
        Thread.sleep(500); // the second is now at its lock (or, without one, past its check)
      }
      if (refunded.add(PAID).compareTo(PAID) > 0) {
        c.rollback();
        return false;
      }
      try (PreparedStatement w =
          c.prepareStatement("INSERT INTO CK_TEST_REFUND (ORDER_NUMBER, AMOUNT) VALUES (?, ?)")) {
        w.setString(1, order);
        w.setBigDecimal(2, PAID);
        w.executeUpdate();
      }
      c.commit();
      return true;
    }
  }

  private static int refunds(Db db, String order) throws Exception {
    try (Connection c = db.open();
        PreparedStatement q =
            c.prepareStatement("SELECT COUNT(*) FROM CK_TEST_REFUND WHERE ORDER_NUMBER = ?")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Broadleaf's order table (the columns the lock uses) with two submitted orders. */
  private static Db withOrders(Db db) throws Exception {
    try (Connection c = db.open();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE BLC_ORDER (ORDER_ID BIGINT PRIMARY KEY, ORDER_NUMBER VARCHAR(255),"
              + " ORDER_STATUS VARCHAR(255))");
      s.execute("CREATE TABLE CK_TEST_REFUND (ORDER_NUMBER VARCHAR(255), AMOUNT NUMERIC(19, 2))");
      s.execute("INSERT INTO BLC_ORDER VALUES (1, '1001', 'SUBMITTED')");
      s.execute("INSERT INTO BLC_ORDER VALUES (2, '1002', 'SUBMITTED')");
    }
    return db;
  }

  private static Db hsqldb() throws Exception {
    String url =
        "jdbc:hsqldb:mem:lock" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc";
    return withOrders(() -> DriverManager.getConnection(url, "SA", ""));
  }

  private static Db postgres() throws Exception {
    assumeTrue(TestDatabases.postgresAvailable(), "CKIE_PG_URL is not set");
    String url = TestDatabases.newPostgresDatabase();
    return withOrders(
        () ->
            DriverManager.getConnection(
                url, System.getenv("CKIE_PG_USER"), System.getenv("CKIE_PG_PASSWORD")));
  }
}

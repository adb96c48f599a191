package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import com.ckengine.demo.launcher.DemoJvm;
import com.ckengine.demo.launcher.DemoOptions;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.DemoAccount;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real store process killed with {@code kill -9} right after an order committed and before its
 * Product Purchased event was stored (the publish is held back with {@code
 * ckengine.orders.publishDelayMillis} to make that window wide), then restarted on the same data
 * folder: the order sweep finds the order and its actions reach ConvertKit exactly once.
 *
 * <p>The ConvertKit sandbox runs in this test's JVM, so it survives the kill and counts what each
 * store process sent; the store runs in a JVM of its own ({@link Store}).
 */
class KilledStoreTest {

  @Test
  void anOrderWhoseProcessWasKilledBeforeItsEventIsDeliveredOnceAfterTheRestart() throws Exception {
    KitSandbox kit = KitSandbox.builder().port(0).build().start();
    try {
      String secret = DemoAccount.create(kit, null);
      Path data = Files.createTempDirectory("ckdemo-kill");
      String email = "killed.buyer@example.com";

      // 1. A store whose immediate publish waits 10 minutes and whose sweep does not run yet.
      Process first =
          launch(
              data,
              kit.baseUrl(),
              secret,
              true,
              "ckengine.orders.publishDelayMillis=600000",
              "ckengine.orders.sweep.startDelaySeconds=3600");
      String order;
      try {
        WebClient browser = new WebClient(awaitReady(first));
        browser.get("/");
        browser.post("/cart/add", Map.of("productId", "101", "quantity", "1"));
        browser.get("/checkout");
        HttpResponse<String> placed =
            browser.post("/checkout", Map.of("email", email, "firstName", "Kim"));
        assertEquals(302, placed.statusCode(), placed.body());
        order = browser.redirectPath(placed).substring("/confirmation/".length());
      } finally {
        // Right after the order committed: kill -9, no shutdown hook, no flush.
        kill9(first);
      }

      // The order is committed and its event is not stored: the window this test is about.
      try (Connection c = database(data)) {
        assertEquals("SUBMITTED", one(c, "SELECT ORDER_STATUS FROM BLC_ORDER", order));
        assertEquals(0, count(c, "SELECT COUNT(*) FROM CK_EVENT WHERE EVENT_KEY = ?", order));
      }
      assertTrue(purchases(kit, secret, order).isEmpty(), "nothing reached Kit before the kill");

      // 2. The restarted store (normal publish, sweep every 2 s) catches up.
      Process second =
          launch(
              data,
              kit.baseUrl(),
              secret,
              false,
              "ckengine.orders.sweep.startDelaySeconds=2",
              "ckengine.orders.sweep.intervalSeconds=2",
              "ckengine.orders.sweep.graceSeconds=1");
      try {
        awaitReady(second);
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (purchases(kit, secret, order).isEmpty() && System.nanoTime() < end) {
          Thread.sleep(250);
        }
        assertEquals(1, purchases(kit, secret, order).size(), "the purchase, once");
        // Several more sweeps run: nothing is sent again.
        Thread.sleep(8000);
      } finally {
        stop(second);
      }
      assertEquals(1, purchases(kit, secret, order).size(), "still once after more sweeps");
      List<String> tags = new ArrayList<>();
      for (String t : kit.subscriberTags(secret, email)) tags.add(t.toLowerCase(Locale.ROOT));
      assertTrue(tags.contains("customer"), tags.toString());
      try (Connection c = database(data)) {
        assertEquals(1, count(c, "SELECT COUNT(*) FROM CK_EVENT WHERE EVENT_KEY = ?", order));
        int delivered =
            count(
                c,
                "SELECT COUNT(*) FROM CK_ACTION WHERE REFERENCE = ? AND STATUS = 'DELIVERED'"
                    + " AND TRIGGER_TYPE = 'PRODUCT_PURCHASED'",
                order);
        assertTrue(delivered >= 2, "the tag and the purchase actions delivered: " + delivered);
        assertEquals(
            delivered,
            count(
                c,
                "SELECT COUNT(*) FROM CK_ACTION WHERE REFERENCE = ?"
                    + " AND TRIGGER_TYPE = 'PRODUCT_PURCHASED'",
                order),
            "every action of the order delivered");
      }
    } finally {
      kit.close();
    }
  }

  /**
   * The store process: the demo server on a data folder with a sandbox in another JVM, set up once
   * with one integration and two rules; prints "Store: url" and then "READY".
   *
   * <p>Arguments: data folder, Kit base URL, sandbox secret, "setup" or "run", property overrides.
   */
  public static final class Store {
    public static void main(String[] args) throws Exception {
      File data = new File(args[0]);
      boolean setup = "setup".equals(args[3]);
      File overrides = new File(data, setup ? "first.properties" : "second.properties");
      StringBuilder props = new StringBuilder("ckengine.delivery.pollIntervalMillis=200\n");
      for (int i = 4; i < args.length; i++) props.append(args[i]).append('\n');
      Files.writeString(overrides.toPath(), props.toString());
      System.setProperty("property-override", overrides.getPath());
      DemoServer demo =
          DemoServer.start(
              DemoOptions.builder().port(0).kitBaseUrl(args[1]).dataDir(data).reset(setup).build());
      if (setup) {
        Site site = new Site(demo);
        long integration = site.connect("Kill test", args[2]);
        site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", null, "customer");
        site.rule(integration, "PRODUCT_PURCHASED", "ADD_PURCHASE", null);
      }
      System.out.println("Store: " + demo.storeUrl());
      System.out.println("READY");
      System.out.flush();
      Thread.currentThread().join();
    }
  }

  private static Process launch(
      Path data, String kitUrl, String secret, boolean setup, String... overrides)
      throws Exception {
    List<String> args =
        new ArrayList<>(List.of(data.toString(), kitUrl, secret, setup ? "setup" : "run"));
    args.addAll(List.of(overrides));
    return new ProcessBuilder(DemoJvm.command(Store.class.getName(), args.toArray(new String[0])))
        .redirectErrorStream(true)
        .start();
  }

  /** Reads the store's output until READY; returns its URL. Keeps draining it afterwards. */
  private static String awaitReady(Process store) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(store.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    StringBuilder seen = new StringBuilder();
    String url = null;
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      String trimmed = line.trim();
      if (trimmed.startsWith("Store: ")) url = trimmed.substring("Store: ".length()).trim();
      if (trimmed.equals("READY") && url != null) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {
                      // discard
                    }
                  } catch (Exception ignored) {
                    // the process ended
                  }
                },
                "store-output");
        t.setDaemon(true);
        t.start();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      }
    }
    throw new AssertionError("The store did not get ready:\n" + seen);
  }

  private static void kill9(Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start();
    kill.waitFor(30, TimeUnit.SECONDS);
    if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("kill -9 did not end it");
    assertEquals(137, p.exitValue(), "ended by SIGKILL");
  }

  private static void stop(Process p) throws Exception {
    p.destroy();
    if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * The store's database, once it can be opened: a killed process leaves its lock file behind, and
   * HSQLDB takes it over only when its heartbeat (written every 10 s) is older than 10.1 s.
   */
  private static Connection database(Path data) throws Exception {
    String url =
        "jdbc:hsqldb:file:" + new File(data.toFile(), "db/store").getPath() + ";shutdown=true";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return DriverManager.getConnection(url, "SA", "");
      } catch (java.sql.SQLException e) {
        boolean locked = String.valueOf(e.getMessage()).contains("lock acquisition failure");
        if (!locked || System.nanoTime() > deadline) throw e;
        Thread.sleep(500);
      }
    }
  }

  private static String one(Connection c, String select, String order) throws Exception {
    try (PreparedStatement q = c.prepareStatement(select + " WHERE ORDER_NUMBER = ?")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int count(Connection c, String select, String order) throws Exception {
    try (PreparedStatement q = c.prepareStatement(select)) {
      q.setString(1, select.contains("EVENT_KEY") ? "order:" + order : order);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static List<RecordedPurchase> purchases(KitSandbox kit, String secret, String order) {
    List<RecordedPurchase> out = new ArrayList<>();
    for (RecordedPurchase p : kit.purchases(secret)) {
      if (order.equals(p.transactionId())) out.add(p);
    }
    return out;
  }
}

package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it: {@link DemoLauncher} in a JVM of its own (agent and flags as ./demo
 * sets them) on the embedded file database. An order placed before a restart is still there after
 * it, and the second start updates the schema instead of recreating it.
 */
class RestartKeepsDataTest {

  @Test
  void anOrderSurvivesARestartOfTheDemo() throws Exception {
    Path data = Files.createTempDirectory("ckdemo-restart");
    String orderNumber;
    Process first = launch(data);
    try {
      WebClient browser = new WebClient(awaitStoreUrl(first));
      browser.get("/");
      browser.post("/cart/add", Map.of("productId", "106", "quantity", "2"));
      browser.get("/checkout");
      HttpResponse<String> placed =
          browser.post("/checkout", Map.of("email", "restart@example.com", "firstName", "Rita"));
      assertEquals(302, placed.statusCode(), placed.body());
      orderNumber = browser.redirectPath(placed).substring("/confirmation/".length());
    } finally {
      stop(first);
    }

    Process second = launch(data);
    try {
      WebClient browser = new WebClient(awaitStoreUrl(second));
      assertEquals(200, browser.get("/").statusCode(), "the store serves after the restart");
    } finally {
      stop(second);
    }

    String url =
        "jdbc:hsqldb:file:" + new File(data.toFile(), "db/store").getPath() + ";shutdown=true";
    try (Connection c = DriverManager.getConnection(url, "SA", "");
        PreparedStatement q =
            c.prepareStatement(
                "SELECT ORDER_STATUS, EMAIL_ADDRESS FROM BLC_ORDER WHERE ORDER_NUMBER = ?")) {
      q.setString(1, orderNumber);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), "order " + orderNumber + " is still in the database");
        assertEquals("SUBMITTED", rs.getString(1));
        assertEquals("restart@example.com", rs.getString(2));
      }
    }
  }

  private static Process launch(Path data) throws Exception {
    return new ProcessBuilder(
            DemoJvm.command(
                DemoLauncher.class.getName(),
                "--port",
                "0",
                "--kit-port",
                "0",
                "--data",
                data.toString()))
        .redirectErrorStream(true)
        .start();
  }

  /**
   * Reads the launcher's output until it prints the store's URL (or gives up after 6 minutes: a
   * loaded 2-core machine has been seen to need more than 3).
   */
  private static String awaitStoreUrl(Process demo) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
    StringBuilder seen = new StringBuilder();
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      seen.append(line).append('\n');
      String trimmed = line.trim();
      if (trimmed.startsWith("Store:")) {
        String url = trimmed.substring("Store:".length()).trim();
        drain(out);
        return url;
      }
    }
    throw new AssertionError("The demo did not print its store URL:\n" + seen);
  }

  /** Keeps reading the child's output so that it never blocks on a full pipe. */
  private static void drain(BufferedReader out) {
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
            "demo-output");
    t.setDaemon(true);
    t.start();
  }

  /** Stops the demo as Ctrl+C would (its shutdown hook closes the database) and waits for it. */
  private static void stop(Process demo) throws Exception {
    demo.destroy();
    if (!demo.waitFor(60, TimeUnit.SECONDS)) {
      demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}

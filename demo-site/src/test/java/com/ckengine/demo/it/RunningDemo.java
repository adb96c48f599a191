package com.ckengine.demo.it;

import com.ckengine.demo.launcher.DemoOptions;
import com.ckengine.demo.launcher.DemoServer;
import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * The demo booted once per test JVM (Broadleaf takes tens of seconds to start), on a fresh
 * database: the embedded file database by default, or a new PostgreSQL database when the system
 * property {@code ckdemo.test.database=postgres} is set (the "postgres" Maven profile's second test
 * run).
 */
public final class RunningDemo {
  private static DemoServer demo;

  private RunningDemo() {}

  public static synchronized DemoServer get() throws Exception {
    if (demo == null) {
      File dataDir = Files.createTempDirectory("ckdemo-test").toFile();
      DemoOptions.Builder options =
          DemoOptions.builder().port(0).kitPort(0).dataDir(dataDir).reset(true);
      if ("postgres".equals(System.getProperty("ckdemo.test.database"))) {
        options
            .jdbcUrl(freshPostgresDatabase())
            .jdbcUser(System.getenv("CKIE_PG_USER"))
            .jdbcPassword(System.getenv("CKIE_PG_PASSWORD"));
      }
      testTimings(dataDir);
      demo = DemoServer.start(options.build());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      demo.close();
                    } catch (Exception ignored) {
                      // JVM exit.
                    }
                  }));
    }
    return demo;
  }

  /**
   * Short timings for the tests, through Broadleaf's {@code property-override} file (read by both
   * web applications): the order sweep runs every few seconds and Prospect Created is due after 25
   * s instead of 2 h.
   */
  private static void testTimings(File dataDir) throws Exception {
    if (System.getProperty("property-override") != null) return;
    File f = new File(dataDir, "test-override.properties");
    Files.writeString(
        f.toPath(),
        String.join(
            "\n",
            "ckengine.delivery.pollIntervalMillis=200",
            "ckengine.orders.sweep.startDelaySeconds=2",
            "ckengine.orders.sweep.intervalSeconds=4",
            "ckengine.orders.sweep.graceSeconds=1",
            "ckengine.prospect.delaySeconds=25",
            ""));
    System.setProperty("property-override", f.getPath());
  }

  /** Creates an empty database next to the one CKIE_PG_URL names and returns its URL. */
  private static String freshPostgresDatabase() throws Exception {
    String url = System.getenv("CKIE_PG_URL");
    if (url == null) {
      throw new IllegalStateException(
          "ckdemo.test.database=postgres needs CKIE_PG_URL, CKIE_PG_USER, CKIE_PG_PASSWORD");
    }
    String name = "ckdemo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c =
            DriverManager.getConnection(
                url, System.getenv("CKIE_PG_USER"), System.getenv("CKIE_PG_PASSWORD"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url.substring(0, url.lastIndexOf('/') + 1) + name;
  }
}

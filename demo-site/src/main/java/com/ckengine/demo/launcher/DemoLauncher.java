package com.ckengine.demo.launcher;

/**
 * {@code main} of the demo: starts the store and admin, prints where they are and how to log in,
 * and runs until the process is stopped (Ctrl+C).
 */
public final class DemoLauncher {
  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    // The plugin logs through commons-logging, so its lines follow the demo's log4j.xml like
    // Broadleaf's own (docs/operations.md, 'Logging'): nothing to set up here.
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    final DemoServer demo;
    try {
      demo = DemoServer.start(options);
    } catch (Exception e) {
      String known = explain(e, options);
      if (known != null) {
        System.err.println("The demo did not start: " + known);
      } else {
        System.err.println("The demo did not start: " + e);
        e.printStackTrace();
      }
      System.exit(1);
      return;
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                new Runnable() {
                  @Override
                  public void run() {
                    try {
                      demo.close();
                    } catch (Exception ignored) {
                      // The JVM is going away.
                    }
                  }
                },
                "demo-shutdown"));
    System.out.println();
    System.out.println("  ConvertKit Integration Engine demo is up (" + seconds + " s)");
    System.out.println("  Store:    " + demo.storeUrl());
    System.out.println(
        "  Admin:    "
            + demo.adminUrl()
            + "   login: "
            + DemoServer.ADMIN_USER
            + " / "
            + DemoServer.ADMIN_PASSWORD);
    System.out.println("  Database: " + demo.databaseDescription());
    System.out.println(
        "  Data:     " + options.dataDir() + "   (start with --reset to begin again)");
    if (demo.kitSandbox() != null) {
      System.out.println(
          "  Kit:      offline ConvertKit sandbox, v3 API "
              + demo.kitBaseUrl()
              + ", v4 API "
              + demo.kitV4BaseUrl());
      System.out.println(
          "            see its subscribers, tags and purchases at " + demo.kitSandboxPage());
      System.out.println(
          "            to connect ConvertKit, paste its demo account's V4 API key: "
              + demo.kitSandboxV4ApiKey());
      System.out.println(
          "            (or its V3 API Secret: "
              + demo.kitSandboxSecret()
              + "), or choose Connect with Kit");
    } else {
      System.out.println(
          "  Kit:      v3 API " + demo.kitBaseUrl() + ", v4 API " + demo.kitV4BaseUrl());
    }
    System.out.println("  Stop with Ctrl+C.");
    System.out.println();
    Thread.currentThread().join();
  }

  /** A plain explanation of the start-up failures a user can fix, or null for anything else. */
  static String explain(Throwable failure, DemoOptions options) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.BindException) {
        return "a port it needs is already in use (is another demo running?). "
            + "Choose free ones with --port N (store and admin) and --kit-port N (ConvertKit sandbox).";
      }
      String message = String.valueOf(t.getMessage());
      if (t instanceof java.sql.SQLException && message.contains("lock acquisition failure")) {
        return "another process is using the database in "
            + options.dataDir()
            + " (is another demo running?). Stop it first, or start with --data <another folder>."
            + " A demo that was killed holds it for 10 more seconds: then start again.";
      }
    }
    return null;
  }
}

package com.ckengine.demo.launcher;

/**
 * {@code main} of the demo: starts the store and admin, prints where they are and how to log in,
 * and runs until the process is stopped (Ctrl+C).
 */
public final class DemoLauncher {
  private DemoLauncher() {}

  public static void main(String[] args) throws Exception {
    // The plugin logs through java.util.logging: one line per record, like the host's log4j lines.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tH:%1$tM:%1$tS %4$-5s [%3$s] %5$s%6$s%n");
    }
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
      System.err.println("The demo did not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
      @Override
      public void run() {
        try {
          demo.close();
        } catch (Exception ignored) {
          // The JVM is going away.
        }
      }
    }, "demo-shutdown"));
    System.out.println();
    System.out.println("  ConvertKit Integration Engine demo is up (" + seconds + " s)");
    System.out.println("  Store:    " + demo.storeUrl());
    System.out.println("  Admin:    " + demo.adminUrl() + "   login: " + DemoServer.ADMIN_USER
        + " / " + DemoServer.ADMIN_PASSWORD);
    System.out.println("  Database: " + demo.databaseDescription());
    System.out.println("  Data:     " + options.dataDir() + "   (start with --reset to begin again)");
    if (demo.kitSandbox() != null) {
      System.out.println("  Kit:      offline ConvertKit sandbox, API " + demo.kitBaseUrl());
      System.out.println("            see its subscribers, tags and purchases at " + demo.kitSandboxPage());
      System.out.println("            API Secret of its demo account, to connect ConvertKit: " + demo.kitSandboxSecret());
    } else {
      System.out.println("  Kit:      " + demo.kitBaseUrl());
    }
    System.out.println("  Stop with Ctrl+C.");
    System.out.println();
    Thread.currentThread().join();
  }
}

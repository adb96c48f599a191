package com.ckengine.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a sandbox from the command line with one demo account and its tags, prints where it
 * listens and the API secret to paste, and runs until stopped.
 *
 * <pre>
 * --port N            port to listen on (default 8089; 0 picks a free one)
 * --secret S          the demo account's API secret (default: a random one each start)
 * --rate-limit N/S    N requests per S seconds per account (default 120/60; 0 for none)
 * --idle-timeout S    close keep-alive connections idle for S seconds, as an API edge does
 *                     (default: only the JDK server's own, about 30 s)
 * </pre>
 */
public final class KitSandboxMain {
  private KitSandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8089;
    String secret = null;
    String rate = "120/60";
    String idle = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (arg.equals("--secret") && i + 1 < args.length) {
        secret = args[++i];
      } else if (arg.equals("--rate-limit") && i + 1 < args.length) {
        rate = args[++i];
      } else if (arg.equals("--idle-timeout") && i + 1 < args.length) {
        idle = args[++i];
      } else {
        System.err.println(
            "usage: KitSandboxMain [--port N] [--secret S] [--rate-limit N/S] [--idle-timeout S]");
        System.exit(2);
      }
    }
    KitSandbox.Builder builder = KitSandbox.builder().port(port);
    if (rate.equals("0")) {
      builder.noRateLimit();
    } else {
      String[] parts = rate.split("/");
      builder.rateLimit(Integer.parseInt(parts[0]), Duration.ofSeconds(Long.parseLong(parts[1])));
    }
    if (idle != null) builder.idleConnectionTimeout(Duration.ofSeconds(Long.parseLong(idle)));
    final KitSandbox sandbox = builder.build().start();
    String apiSecret = DemoAccount.create(sandbox, secret);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                new Runnable() {
                  @Override
                  public void run() {
                    sandbox.close();
                    stopped.countDown();
                  }
                }));
    String root = "http://localhost:" + sandbox.port();
    System.out.println(
        "Kit sandbox listening on "
            + root
            + "/ (API base URL "
            + sandbox.baseUrl()
            + ", rate limit "
            + rate
            + ")");
    System.out.println("API Secret to paste: " + apiSecret);
    System.out.println("State page: " + root + "/   Faults: POST " + root + "/sandbox/...");
    stopped.await();
  }
}

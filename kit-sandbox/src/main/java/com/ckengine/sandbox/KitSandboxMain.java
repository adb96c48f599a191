package com.ckengine.sandbox;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Starts a sandbox from the command line with one demo account and its tags, prints where it
 * listens and the API secret to paste, and runs until stopped.
 *
 * <pre>
 * --port N            port to listen on (default 8089; 0 picks a free one)
 * --secret S          the demo account's v3 API secret (default: a random one each start)
 * --v4-key K          the demo account's V4 API key (default: a random one each start)
 * --rate-limit N/S    N requests per S seconds per v3 account and per V4 key (default 120/60;
 *                     0 for none, OAuth tokens included; tokens have 600/60)
 * --idle-timeout S    close keep-alive connections idle for S seconds, as an API edge does
 *                     (default: only the JDK server's own, about 30 s)
 * </pre>
 */
public final class KitSandboxMain {
  private KitSandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8089;
    String secret = null;
    String v4Key = null;
    String rate = "120/60";
    String idle = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (arg.equals("--secret") && i + 1 < args.length) {
        secret = args[++i];
      } else if (arg.equals("--v4-key") && i + 1 < args.length) {
        v4Key = args[++i];
      } else if (arg.equals("--rate-limit") && i + 1 < args.length) {
        rate = args[++i];
      } else if (arg.equals("--idle-timeout") && i + 1 < args.length) {
        idle = args[++i];
      } else {
        System.err.println(
            "usage: KitSandboxMain [--port N] [--secret S] [--v4-key K] [--rate-limit N/S]"
                + " [--idle-timeout S]");
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
    if (v4Key != null && secret == null) {
      System.err.println("--v4-key needs --secret too");
      System.exit(2);
    }
    String apiSecret = DemoAccount.create(sandbox, secret, v4Key);
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
            + "/ (API base URLs "
            + sandbox.baseUrl()
            + " and "
            + sandbox.v4BaseUrl()
            + ", rate limit "
            + rate
            + ")");
    System.out.println("API Secret to paste (v3 API): " + apiSecret);
    System.out.println(
        "V4 API key to paste (v4 API, header X-Kit-Api-Key): " + sandbox.v4ApiKey(apiSecret));
    System.out.println("State page: " + root + "/   Faults: POST " + root + "/sandbox/...");
    stopped.await();
  }
}

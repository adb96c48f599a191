package com.ckengine.engine.bench;

import com.ckengine.api.RuleTag;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogCursor;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogPage;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.PurchaseRules;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import javax.persistence.EntityManagerFactory;

/**
 * Drains a backlog of tag actions of one integration (one API key) against the sandbox, with the
 * sandbox's and the client's limit set to {@code limit} per {@code window} (Kit's shape, 120 per 60
 * s, scaled in time), or with no limit at all (window 0): the engine's own throughput. Args:
 * [actions] [limit] [window seconds, 0 = unlimited] [hsqldb|postgres] [sandbox latency ms]. Prints
 * the time, the share of the fastest schedule Kit's limit allows, the 429s, and the attempts
 * recorded (equal to the actions when the engine's own limiter never counts as an attempt).
 */
public final class BacklogBench {
  private BacklogBench() {}

  public static void main(String[] args) throws Exception {
    int actions = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    int limit = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    int windowSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    boolean pg = args.length > 3 && args[3].equals("postgres");
    long latencyMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
    if (pg) Backlogs.requirePostgres();
    boolean limited = windowSeconds > 0;
    Duration window = Duration.ofSeconds(Math.max(windowSeconds, 1));

    KitSandbox.Builder sb = KitSandbox.builder().port(0);
    KitSandbox sandbox = (limited ? sb.rateLimit(limit, window) : sb.noRateLimit()).build().start();
    KitClient.Builder cb = KitClient.builder().baseUrl(sandbox.baseUrl());
    KitClient client = (limited ? cb.rateLimit(limit, window) : cb.noRateLimit()).build();
    EntityManagerFactory emf = pg ? TestDatabases.postgres() : TestDatabases.hsqldb();
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(client)
            .secretKey(SecretCipher.generateKey())
            .rateWindow(limited ? window : Duration.ZERO)
            .batchSize(200)
            .build();
    String secret = sandbox.createAccount("Bench", "owner@bench.example");
    long tag = sandbox.createTag(secret, "customer");
    long integration = engine.integrations().connect("Bench", secret).id();
    PurchaseRules.addTag(engine, integration, RuleTag.of("customer", tag));
    for (int i = 0; i < actions; i++) engine.publisher().publish(Backlogs.order(i));
    if (limited) Thread.sleep(window.toMillis() + 100); // the connect calls' window passes
    if (latencyMillis > 0) sandbox.delayResponses(Duration.ofMillis(latencyMillis));
    long requests0 = sandbox.requestCount();
    long t0 = System.nanoTime();
    engine.start();
    while (TestDatabases.countLog(engine, LogQuery.builder().status(ActionStatus.DELIVERED))
        < actions) {
      Thread.sleep(limited ? 200 : 20);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long calls = sandbox.requestCount() - requests0;
    engine.close();
    long attempts = 0;
    LogCursor after = null;
    do {
      LogPage page =
          engine
              .log()
              .search(LogQuery.builder().pageSize(LogQuery.MAX_PAGE_SIZE).after(after).build());
      for (LogEntry e : page.entries()) attempts += e.attempts();
      after = page.nextCursor();
    } while (after != null);
    System.out.printf(
        "%d actions delivered in %.1f s (sandbox latency %d ms): %.1f actions/s, %d calls, "
            + "%d answered 429, %d attempts recorded%n",
        actions,
        seconds,
        latencyMillis,
        actions / seconds,
        calls,
        sandbox.rateLimitedCount(),
        attempts);
    if (limited) {
      double allowed = limit / (double) window.getSeconds();
      // The fastest any client may go: a full window at once, then `limit` more per window; and
      // the fastest for delivery, which leaves the operator's share of each window free.
      int share = cb.effectiveOperatorShare();
      double ideal = FastestSchedule.seconds(actions, limit, window.getSeconds());
      double idealDelivery = FastestSchedule.seconds(actions, limit - share, window.getSeconds());
      System.out.printf(
          "limit %d per %d s (%.1f/s): average rate %.1f %% of the limit; "
              + "%.1f %% of the fastest schedule allowed (%.0f s); %.1f %% of the fastest for"
              + " delivery's %d per window (%.0f s; %d kept for the operator)%n",
          limit,
          window.getSeconds(),
          allowed,
          100.0 * calls / seconds / allowed,
          100.0 * ideal / seconds,
          ideal,
          100.0 * idealDelivery / seconds,
          limit - share,
          idealDelivery,
          share);
    }
    emf.close();
    sandbox.close();
  }
}

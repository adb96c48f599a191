package com.ckengine.engine.bench;

import com.ckengine.api.RuleTag;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.PurchaseRules;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;

/**
 * Several engines ("store nodes", each with its own Kit client and so its own limiter) on one
 * PostgreSQL database drain one Kit account's backlog, published across the nodes, while an
 * operator on the last node clicks Refresh every 15 s. The sandbox keeps Kit's limit and counts
 * every request it receives, refused ones too. Args: [nodes] [actions] [limit] [window seconds]
 * [sandbox latency ms]. Prints the time, the 429s, the most requests in any one window, and the
 * share of the fastest schedule (Kit's whole limit, and delivery's share of it).
 */
public final class NodesBacklogBench {
  private NodesBacklogBench() {}

  /**
   * Runs the bench and ends the JVM: the engines' threads would keep it alive after a failure, and
   * the documented command hides stderr, so a failure is printed to stdout and exits non-zero.
   */
  public static void main(String[] args) {
    int status = 1;
    try {
      run(args);
      status = 0;
    } catch (Throwable failure) {
      System.out.println("NodesBacklogBench stopped: " + failure);
      failure.printStackTrace(System.out);
    } finally {
      System.out.flush();
      System.exit(status);
    }
  }

  private static void run(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int actions = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int limit = args.length > 2 ? Integer.parseInt(args[2]) : 120;
    int windowSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    long latencyMillis = args.length > 4 ? Long.parseLong(args[4]) : 0;
    Backlogs.requirePostgres();
    Duration window = Duration.ofSeconds(windowSeconds);
    KitSandbox sandbox = KitSandbox.builder().port(0).rateLimit(limit, window).build().start();
    String url = TestDatabases.newPostgresDatabase();
    String key = SecretCipher.generateKey();
    List<EntityManagerFactory> emfs = new ArrayList<EntityManagerFactory>();
    List<IntegrationEngine> engines = new ArrayList<IntegrationEngine>();
    int share = 0;
    for (int n = 0; n < nodes; n++) {
      EntityManagerFactory emf = TestDatabases.postgres(url, n == 0 ? "create" : "none");
      KitClient.Builder cb =
          KitClient.builder().baseUrl(sandbox.baseUrl()).rateLimit(limit, window);
      share = cb.effectiveOperatorShare();
      emfs.add(emf);
      engines.add(
          IntegrationEngine.builder()
              .entityManagerFactory(emf)
              .kitClient(cb.build())
              .secretKey(key)
              .nodeId("node-" + (n + 1))
              .rateWindow(window)
              .build());
    }
    IntegrationEngine first = engines.get(0);
    IntegrationEngine operator = engines.get(nodes - 1);
    String secret = sandbox.createAccount("Bench", "owner@bench.example");
    long tag = sandbox.createTag(secret, "customer");
    long integration = operator.integrations().connect("Bench", secret).id();
    PurchaseRules.addTag(first, integration, RuleTag.of("customer", tag));
    for (int i = 0; i < actions; i++) engines.get(i % nodes).publisher().publish(Backlogs.order(i));
    if (latencyMillis > 0) sandbox.delayResponses(Duration.ofMillis(latencyMillis));
    long requests0 = sandbox.requestCount();
    long t0 = System.nanoTime();
    for (IntegrationEngine e : engines) e.start();
    long nextRefresh = t0;
    int refreshes = 0;
    while (TestDatabases.countLog(first, LogQuery.builder().status(ActionStatus.DELIVERED))
        < actions) {
      if (System.nanoTime() >= nextRefresh) {
        operator.integrations().refreshTags(integration); // an operator clicking Refresh
        refreshes++;
        nextRefresh += Duration.ofSeconds(15).toNanos();
      }
      Thread.sleep(200);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long calls = sandbox.requestCount() - requests0;
    for (IntegrationEngine e : engines) e.close();
    int delivery = limit - share;
    double fastestKit = FastestSchedule.seconds(actions, limit, windowSeconds);
    double fastestDelivery = FastestSchedule.seconds(actions, delivery, windowSeconds);
    System.out.printf(
        "%d nodes, %d actions delivered in %.1f s (sandbox latency %d ms), %d calls (%d of them"
            + " Refresh), %d answered 429, at most %d requests in one %d s window (limit %d)%n",
        nodes,
        actions,
        seconds,
        latencyMillis,
        calls,
        refreshes,
        sandbox.rateLimitedCount(),
        sandbox.peakRequestsInAnyWindow(),
        windowSeconds,
        limit);
    System.out.printf(
        "%.1f %% of the fastest schedule Kit's %d allow (%.0f s); %.1f %% of the fastest for"
            + " delivery's %d (%.0f s; %d kept for the operator)%n",
        100.0 * fastestKit / seconds,
        limit,
        fastestKit,
        100.0 * fastestDelivery / seconds,
        delivery,
        fastestDelivery,
        share);
    for (EntityManagerFactory emf : emfs) emf.close();
    sandbox.close();
  }
}

package com.ckengine.engine.bench;

import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogPage;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import javax.persistence.EntityManagerFactory;

/**
 * Integration log searches on PostgreSQL with {@code rows} events and as many actions (one tag
 * each; 50,000 customers, 200 tags, 3 integrations, a month of history), loaded with
 * generate_series. Each kind of search runs with random values; prints p50/p95 per kind and over
 * all. Needs CKIE_PG_URL. Args: [rows] [searches per kind] [purge: then time retention by its
 * default age, 30 days before now].
 */
public final class LogSearchBench {
  private LogSearchBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000000;
    int per = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    if (!TestDatabases.postgresAvailable()) {
      System.err.println(
          "set CKIE_PG_URL, CKIE_PG_USER, CKIE_PG_PASSWORD (eval \"$(.ci/postgres.sh start)\")");
      System.exit(2);
    }
    String url = TestDatabases.newPostgresDatabase();
    EntityManagerFactory emf = TestDatabases.postgres(url, "create");
    long t0 = System.nanoTime();
    try (Connection c =
            DriverManager.getConnection(
                url, System.getenv("CKIE_PG_USER"), System.getenv("CKIE_PG_PASSWORD"));
        Statement s = c.createStatement()) {
      String triggers =
          "(array['PRODUCT_PURCHASED','PRODUCT_REFUNDED','PROSPECT_CREATED','SUBSCRIPTION_CHARGED'])[1 + g % 4]";
      String when =
          "timestamp '2026-01-01' + (g * (2592000.0 / " + rows + ")) * interval '1 second'";
      // The event's and the action's times are UTC epoch milliseconds (engine.md, "Time from one
      // clock").
      String whenMillis = "(extract(epoch from " + when + ") * 1000)::bigint";
      s.execute(
          "insert into CK_EVENT (ID, EVENT_KEY, TRIGGER_TYPE, OCCURRED_AT, RECEIVED_AT, EMAIL,"
              + " REFERENCE, TEST_EVENT) select g, 'order:' || g, "
              + triggers
              + ", "
              + whenMillis
              + ", "
              + whenMillis
              + ", 'c' || (g % 50000) || '@example.com', 'O' || g, g % 100 = 0"
              + " from generate_series(1, "
              + rows
              + ") g");
      s.execute(
          "insert into CK_ACTION (ID, EVENT_ID, IDEMPOTENCY_KEY, INTEGRATION_ID, ACTION_TYPE,"
              + " STATUS, TAGS, RULE_IDS, RULE_SCOPE, TRIGGER_TYPE, EMAIL, EMAIL_LC, REFERENCE,"
              + " TEST_EVENT, CREATED_AT, DUE_AT, FIRST_DUE_AT, ATTEMPTS, IN_DOUBT) select g, g, 'order:' || g || '|1|ADD_TAG',"
              + " 1 + g % 3, 'ADD_TAG', (array['DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED',"
              + "'DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED',"
              + "'DELIVERED','DELIVERED','DELIVERED','DELIVERED','DELIVERED','FAILED','PENDING','SKIPPED'])[1 + g % 20],"
              + " 'tag-' || (g % 200), '1', 'global', "
              + triggers
              + ","
              + " 'c' || (g % 50000) || '@example.com', 'c' || (g % 50000) || '@example.com', 'O' || g,"
              + " g % 100 = 0, "
              + whenMillis
              + ", "
              + whenMillis
              + ", "
              + whenMillis
              + ", 1, false from generate_series(1, "
              + rows
              + ") g");
      s.execute(
          "insert into CK_ACTION_TAG (ACTION_ID, TAG_KEY, POSITION, TAG_NAME)"
              + " select g, 'tag-' || (g % 200), 0, 'tag-' || (g % 200)"
              + " from generate_series(1, "
              + rows
              + ") g");
      s.execute("analyze");
    }
    System.out.printf(
        "loaded %,d events, %,d actions in %.0f s%n", rows, rows, (System.nanoTime() - t0) / 1e9);

    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().build())
            .secretKey(SecretCipher.generateKey())
            .build();
    Random r = new Random(7);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Map<String, IntFunction<LogQuery>> kinds = new LinkedHashMap<>();
    kinds.put("newest page, no filter", i -> LogQuery.all());
    kinds.put(
        "by email", i -> LogQuery.builder().email("c" + r.nextInt(50000) + "@example.com").build());
    kinds.put(
        "by order number", i -> LogQuery.builder().reference("O" + (1 + r.nextInt(rows))).build());
    kinds.put("by tag", i -> LogQuery.builder().tag("tag-" + r.nextInt(200)).build());
    kinds.put("by status FAILED", i -> LogQuery.builder().status(ActionStatus.FAILED).build());
    kinds.put(
        "by trigger + one day",
        i -> {
          Instant from = start.plusSeconds(86400L * r.nextInt(29));
          return LogQuery.builder()
              .trigger(Trigger.PRODUCT_REFUNDED)
              .from(from)
              .to(from.plusSeconds(86400))
              .build();
        });
    kinds.put(
        "by integration, second page",
        i -> {
          long integration = 1L + r.nextInt(3);
          LogPage first =
              engine.log().search(LogQuery.builder().integrationId(integration).build());
          return LogQuery.builder().integrationId(integration).after(first.nextCursor()).build();
        });
    kinds.put(
        "by email + status",
        i ->
            LogQuery.builder()
                .email("c" + r.nextInt(50000) + "@example.com")
                .status(ActionStatus.DELIVERED)
                .build());
    long[] all = new long[kinds.size() * per];
    int n = 0;
    for (Map.Entry<String, IntFunction<LogQuery>> k : kinds.entrySet()) {
      for (int i = 0; i < 20; i++) engine.log().search(k.getValue().apply(i)); // warm-up
      long[] nanos = new long[per];
      for (int i = 0; i < per; i++) {
        LogQuery q = k.getValue().apply(i);
        long q0 = System.nanoTime();
        engine.log().search(q);
        nanos[i] = System.nanoTime() - q0;
        all[n++] = nanos[i];
      }
      System.out.printf("%-24s %s%n", k.getKey(), new Stats(nanos, per).summary());
    }
    System.out.printf("%-24s %s%n", "all searches", new Stats(all, n).summary());
    if (args.length > 2 && args[2].equals("purge")) {
      long p0 = System.nanoTime();
      int deleted = engine.logActions().purge();
      System.out.printf(
          "retention: kept the last 30 days (by the clock now), deleted %,d in %.1f s%n",
          deleted, (System.nanoTime() - p0) / 1e9);
    }
    engine.close();
    emf.close();
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two engines (two "store nodes", each with its own Kit client and so its own rate limiter) share
 * one PostgreSQL database: every action is delivered exactly once and, thanks to the delivery
 * leases, the calls made with one key stay within the sandbox's limit (no 429).
 */
@Tag("postgres")
class TwoNodesPostgresTest {
  static final int ORDERS = 60;

  @Test
  void deliverEachActionOnceWithinTheLimit() throws Exception {
    KitSandbox sandbox =
        KitSandbox.builder().port(0).rateLimit(20, Duration.ofSeconds(2)).build().start();
    String url = TestDatabases.newPostgresDatabase();
    EntityManagerFactory emfA = TestDatabases.postgres(url, "create");
    EntityManagerFactory emfB = TestDatabases.postgres(url, "none");
    String key = SecretCipher.generateKey();
    IntegrationEngine a = node(emfA, sandbox, key, "node-a");
    IntegrationEngine b = node(emfB, sandbox, key, "node-b");
    try {
      String s1 = sandbox.createAccount("Shop One", "one@shop.example");
      String s2 = sandbox.createAccount("Shop Two", "two@shop.example");
      long t1 = sandbox.createTag(s1, "customer");
      long t2 = sandbox.createTag(s2, "customer");
      long i1 = a.integrations().connect("One", s1).id();
      long i2 = a.integrations().connect("Two", s2).id();
      for (long[] it : new long[][] {{i1, t1}, {i2, t2}}) {
        a.rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(it[0])
                    .action(ActionType.ADD_TAG)
                    .addTag(RuleTag.of("customer", it[1]))
                    .build());
        a.rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(it[0])
                    .action(ActionType.ADD_PURCHASE)
                    .build());
      }
      // Connecting called Kit through node a's client; node b's limiter cannot know of those
      // calls, so let their window pass before either node may deliver (see docs/engine.md).
      Thread.sleep(2100);
      long baseline = sandbox.requestCount();
      long started = System.nanoTime();
      a.start();
      b.start();
      // Both nodes take orders, as behind a load balancer.
      for (int i = 0; i < ORDERS; i++) {
        IntegrationEngine node = i % 2 == 0 ? a : b;
        node.publisher().publish(DeliveryTestBase.purchase("N" + i, "c" + i + "@example.com", 1));
      }
      int actions = ORDERS * 4;
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (TestDatabases.countLog(a, LogQuery.builder().status(ActionStatus.DELIVERED))
          < actions) {
        assertTrue(System.nanoTime() < deadline, "all actions delivered in time");
        Thread.sleep(200);
      }
      System.out.printf(
          "two nodes delivered %d actions in %d ms%n",
          actions, (System.nanoTime() - started) / 1_000_000);
      Thread.sleep(500); // let a (wrong) second delivery show up, were there one
      assertEquals(0, sandbox.rateLimitedCount(), "no 429 although two nodes deliver");
      for (String s : new String[] {s1, s2}) {
        List<RecordedPurchase> p = sandbox.purchases(s);
        Set<String> ids = new HashSet<>();
        for (RecordedPurchase r : p) assertTrue(ids.add(r.transactionId()), "duplicate " + r);
        assertEquals(ORDERS, ids.size());
      }
      long calls = sandbox.requestCount() - baseline;
      javax.persistence.EntityManager em = emfA.createEntityManager();
      List<?> owners =
          em.createQuery("select distinct l.owner from DeliveryLeaseEntity l").getResultList();
      em.close();
      assertEquals(2, owners.size(), "both nodes held a lease: " + owners);
      for (LogEntry e : a.log().search(LogQuery.builder().pageSize(200).build()).entries()) {
        assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
        assertEquals(1, e.attempts(), e.toString());
      }
      assertEquals(actions, calls, "one call per action, no more");
    } finally {
      a.close();
      b.close();
      emfA.close();
      emfB.close();
      sandbox.close();
    }
  }

  private static IntegrationEngine node(
      EntityManagerFactory emf, KitSandbox sandbox, String key, String id) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(
            KitClient.builder()
                .baseUrl(sandbox.baseUrl())
                .v4BaseUrl(sandbox.v4BaseUrl())
                .rateLimit(20, Duration.ofSeconds(2))
                .build())
        // One delivery thread per node: each node can drive one integration at a time, so both
        // nodes must work for the run to finish in time.
        .workerThreads(1)
        .secretKey(key)
        .nodeId(id)
        .pollInterval(Duration.ofMillis(100))
        .rateWindow(Duration.ofSeconds(2))
        .leaseDuration(Duration.ofSeconds(5))
        .kitCallBudget(Duration.ofSeconds(1))
        .retryBaseDelay(Duration.ofMillis(500))
        .ruleRefreshInterval(Duration.ofMillis(200))
        .build();
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery node is a real child JVM, killed with destroyForcibly in the middle of its work (the
 * sandbox answers slowly, so calls are nearly always in flight: several at once, one per
 * subscriber) and replaced by a new one. Nothing may be lost (every action ends final) and nothing
 * duplicated (one purchase per order in the sandbox; only the actions claimed at the kill are
 * attempted again, and of those only the purchases are looked up in Kit).
 */
abstract class CrashRecoveryTestBase {
  static final int ORDERS = 30;

  @TempDir Path dir;

  /** A JDBC URL that this JVM and child JVMs can share, with the schema created. */
  abstract String sharedDatabase(Path dir) throws Exception;

  abstract EntityManagerFactory open(String url);

  void closeDatabase() {}

  /**
   * Killed while tagging: the first calls of the node are the tag calls of its first lanes (one
   * lane per order, tag then purchase); they are simply made again (tagging twice changes nothing).
   */
  @Test
  void killedWhileTagging() throws Exception {
    killedNodeLosesNothingAndDuplicatesNothing(4, ActionType.ADD_TAG);
  }

  /**
   * Killed while recording purchases: once a lane's tag is answered its purchase goes out, so past
   * the first wave of calls purchases are in flight; each is looked up in Kit, never sent twice.
   */
  @Test
  void killedWhileRecordingAPurchase() throws Exception {
    killedNodeLosesNothingAndDuplicatesNothing(
        IntegrationEngine.builder().callsInFlight() + 4, ActionType.ADD_PURCHASE);
  }

  private void killedNodeLosesNothingAndDuplicatesNothing(int killAfter, ActionType inFlightKind)
      throws Exception {
    KitSandbox sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    String url = sharedDatabase(dir);
    EntityManagerFactory emf = open(url);
    String key = SecretCipher.generateKey();
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .build())
            .secretKey(key)
            .build();
    Process first = null;
    Process second = null;
    try {
      String secret = sandbox.createAccount("Shop", "owner@shop.example");
      long tag = sandbox.createTag(secret, "customer");
      long integration = engine.integrations().connect("Main", secret).id();
      engine
          .rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.PRODUCT_PURCHASED)
                  .integrationId(integration)
                  .action(ActionType.ADD_TAG)
                  .addTag(RuleTag.of("customer", tag))
                  .build());
      engine
          .rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.PRODUCT_PURCHASED)
                  .integrationId(integration)
                  .action(ActionType.ADD_PURCHASE)
                  .build());
      for (int i = 0; i < ORDERS; i++) {
        engine.publisher().publish(DeliveryTestBase.purchase("K" + i, "k" + i + "@example.com", 1));
      }
      int actions = ORDERS * 2;
      long baseline = sandbox.requestCount();
      sandbox.delayResponses(Duration.ofMillis(120));

      first = node(url, sandbox, key, "first");
      // Each order is a lane: its tag, then its purchase, one call each, each call taking 120 ms
      // in the sandbox; lanes go side by side. Kill the node once call number killAfter + 1 has
      // arrived: the sandbox holds its answer (and those of the calls beside it) for 120 ms.
      long arrivalDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (sandbox.requestCount() - baseline <= killAfter) {
        assertTrue(System.nanoTime() < arrivalDeadline, "the node made its calls");
        Thread.sleep(2);
      }
      first.destroyForcibly().waitFor();
      int deliveredAtKill = count(engine, ActionStatus.DELIVERED);
      Map<Long, ActionType> claimedAtKill = claimed(emf);
      assertFalse(claimedAtKill.isEmpty(), "calls were in flight at the kill");
      assertTrue(
          claimedAtKill.size() <= IntegrationEngine.builder().callsInFlight(),
          "at most callsInFlight claims: " + claimedAtKill);
      assertTrue(
          claimedAtKill.containsValue(inFlightKind),
          "a " + inFlightKind + " in flight at the kill: " + claimedAtKill);
      assertTrue(deliveredAtKill < actions, "killed before the end: " + deliveredAtKill);

      second = node(url, sandbox, key, "second");
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (count(engine, ActionStatus.PENDING) + count(engine, ActionStatus.RETRYING) > 0) {
        assertTrue(System.nanoTime() < end, "the second node finished the work");
        Thread.sleep(100);
      }
      second.destroyForcibly().waitFor();

      List<LogEntry> log = engine.log().search(LogQuery.builder().pageSize(200).build()).entries();
      assertEquals(actions, log.size());
      Map<String, Integer> inKit = new HashMap<>();
      for (RecordedPurchase p : sandbox.purchases(secret))
        inKit.merge(p.transactionId(), 1, Integer::sum);
      Map<Long, ActionType> retried = new HashMap<>();
      int reconciled = 0;
      for (LogEntry e : log) {
        // Nothing is left to a person: the actions in flight at the kill are finished too.
        assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
        if (e.attempts() > 1) retried.put(e.actionId(), e.action());
        if (e.action() == ActionType.ADD_TAG) {
          assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(secret, e.email()));
        } else {
          assertEquals(1, inKit.get(e.reference()), "purchase " + e.reference() + " once in Kit");
          if (e.attempts() > 1) reconciled++;
        }
      }
      System.out.printf(
          "crash test: %d delivered at the kill, %d claimed then, %d attempted twice,"
              + " %d purchase(s) reconciled%n",
          deliveredAtKill, claimedAtKill.size(), retried.size(), reconciled);
      assertEquals(ORDERS, inKit.size(), "every purchase in Kit");
      for (Map.Entry<String, Integer> p : inKit.entrySet()) {
        assertEquals(1, p.getValue(), "purchase " + p.getKey() + " recorded once");
      }
      assertEquals(
          claimedAtKill, retried, "the actions claimed at the kill, and only they, were retried");
      long purchasesInFlight =
          claimedAtKill.values().stream().filter(a -> a == ActionType.ADD_PURCHASE).count();
      assertEquals(purchasesInFlight, reconciled, "only the purchases in flight are reconciled");
      long calls = sandbox.requestCount() - baseline;
      // One call per action, those in flight again, and for a purchase one page of Kit's list.
      assertTrue(
          calls <= actions + claimedAtKill.size() + reconciled,
          "calls " + calls + " for " + actions + " actions");
    } finally {
      if (first != null) first.destroyForcibly();
      if (second != null) second.destroyForcibly();
      engine.close();
      emf.close();
      closeDatabase();
      sandbox.close();
    }
  }

  private Process node(String url, KitSandbox sandbox, String key, String name) throws Exception {
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd =
        new ArrayList<>(
            Arrays.asList(
                java,
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                DeliveryNodeMain.class.getName(),
                url,
                sandbox.baseUrl(),
                key,
                name));
    File out = dir.resolve(name + ".log").toFile();
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
  }

  /** The actions claimed at this moment, by id: what a killed node had in flight. */
  static Map<Long, ActionType> claimed(EntityManagerFactory emf) {
    Map<Long, ActionType> claimed = new HashMap<>();
    new com.ckengine.engine.store.Jpa(emf)
        .tx(
            em -> {
              for (Object[] row :
                  em.createQuery(
                          "select a.id, a.action from ActionEntity a where a.claimToken is not null",
                          Object[].class)
                      .getResultList()) {
                claimed.put((Long) row[0], ActionType.valueOf((String) row[1]));
              }
              return null;
            });
    return claimed;
  }

  static int count(IntegrationEngine engine, ActionStatus status) {
    return engine
        .log()
        .search(LogQuery.builder().status(status).pageSize(200).build())
        .entries()
        .size();
  }
}

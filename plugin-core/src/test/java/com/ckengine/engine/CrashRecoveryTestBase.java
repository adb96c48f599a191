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
 * sandbox answers slowly, so a call is nearly always in flight) and replaced by a new one. Nothing
 * may be lost (every action ends final) and nothing duplicated (one purchase per order in the
 * sandbox, at most the one call in flight at the kill made again).
 */
abstract class CrashRecoveryTestBase {
  static final int ORDERS = 30;

  @TempDir Path dir;

  /** A JDBC URL that this JVM and child JVMs can share, with the schema created. */
  abstract String sharedDatabase(Path dir) throws Exception;

  abstract EntityManagerFactory open(String url);

  void closeDatabase() {}

  /** Killed while tagging: the tag call is simply made again (tagging twice changes nothing). */
  @Test
  void killedWhileTagging() throws Exception {
    killedNodeLosesNothingAndDuplicatesNothing(12, false);
  }

  /** Killed while recording a purchase: it is not sent again but failed as "in doubt". */
  @Test
  void killedWhileRecordingAPurchase() throws Exception {
    killedNodeLosesNothingAndDuplicatesNothing(13, true);
  }

  private void killedNodeLosesNothingAndDuplicatesNothing(int killAfter, boolean purchaseInFlight)
      throws Exception {
    KitSandbox sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    String url = sharedDatabase(dir);
    EntityManagerFactory emf = open(url);
    String key = SecretCipher.generateKey();
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(sandbox.baseUrl()).build())
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
      // Actions go out in order, tag then purchase per order, one call each, each call taking
      // 120 ms in the sandbox.
      // Kill the node while call number killAfter + 1 is in flight: the sandbox has received it
      // and holds its answer for 120 ms.
      long arrivalDeadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (sandbox.requestCount() - baseline <= killAfter) {
        assertTrue(System.nanoTime() < arrivalDeadline, "the node made its calls");
        Thread.sleep(2);
      }
      first.destroyForcibly().waitFor();
      int deliveredAtKill = count(engine, ActionStatus.DELIVERED);
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
      int retried = 0;
      int reconciled = 0;
      for (LogEntry e : log) {
        // Nothing is left to a person: the action in flight at the kill is finished too.
        assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
        if (e.attempts() > 1) retried++;
        if (e.action() == ActionType.ADD_TAG) {
          assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(secret, e.email()));
        } else {
          assertEquals(1, inKit.get(e.reference()), "purchase " + e.reference() + " once in Kit");
          if (e.attempts() > 1) reconciled++;
        }
      }
      System.out.printf(
          "crash test: %d delivered at the kill, %d attempted twice, %d purchase(s) reconciled%n",
          deliveredAtKill, retried, reconciled);
      assertEquals(ORDERS, inKit.size(), "every purchase in Kit");
      for (Map.Entry<String, Integer> p : inKit.entrySet()) {
        assertEquals(1, p.getValue(), "purchase " + p.getKey() + " recorded once");
      }
      assertEquals(
          purchaseInFlight ? 1 : 0, reconciled, "only the purchase in flight is reconciled");
      assertEquals(1, retried, "the action in flight, and only it, was attempted twice");
      long calls = sandbox.requestCount() - baseline;
      // One call per action, the one in flight again, and for a purchase one page of Kit's list.
      assertTrue(
          calls <= actions + 1 + reconciled, "calls " + calls + " for " + actions + " actions");
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

  static int count(IntegrationEngine engine, ActionStatus status) {
    return engine
        .log()
        .search(LogQuery.builder().status(status).pageSize(200).build())
        .entries()
        .size();
  }
}

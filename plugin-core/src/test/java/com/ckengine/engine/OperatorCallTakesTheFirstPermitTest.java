package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's call beyond the share, on the node that delivers the integration (it holds the
 * lease), takes whichever of the share and the node's whole window gives a permit first. Here
 * delivery has spent the whole window for several seconds more while the share frees in about a
 * second: the Refresh waits that second and is made. Before, it went through the whole window and
 * was refused at once, since the wait exceeded the client's bound (NodesBacklogBench with 3 nodes
 * stopped on "next permit in 43805 ms" a few hundred ms before the share had a permit). Kit's limit
 * is kept meanwhile: no 429, never more than the limit in a window.
 */
class OperatorCallTakesTheFirstPermitTest {
  static final int LIMIT = 10;
  static final int OPERATOR_SHARE = 2;
  static final Duration WINDOW = Duration.ofSeconds(6);

  /** The client's bound on a permit wait: the whole window's wait exceeds it, the share's not. */
  static final Duration MAX_WAIT = Duration.ofSeconds(2);

  KitSandbox sandbox;
  EntityManagerFactory emf;
  IntegrationEngine node;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = KitSandbox.builder().port(0).rateLimit(LIMIT, WINDOW).build().start();
    String url = "jdbc:hsqldb:mem:ck" + UUID.randomUUID().toString().replace("-", "");
    emf = TestDatabases.hsqldb(url + ";hsqldb.tx=mvcc", "create");
  }

  @AfterEach
  void tearDown() {
    if (node != null) node.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void aRefreshOnTheDeliveringNodeWaitsForTheShareWhenItIsFreeFirst() throws Exception {
    KitClient kit =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .rateLimit(LIMIT, WINDOW)
            .operatorShare(OPERATOR_SHARE)
            .maxRateLimitWait(MAX_WAIT)
            .build();
    node = node(kit);
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    KitCredential credential = KitCredential.v3Secret(secret);
    long tag = sandbox.createTag(secret, "customer");
    long integrationId = node.integrations().connect("Main", secret).id();
    PurchaseRules.addTag(node, integrationId, RuleTag.of("customer", tag));
    Thread.sleep(WINDOW.toMillis() + 100); // connecting's calls leave the window

    // The operator spends the share; a while later delivery spends the whole window.
    for (int i = 0; i < OPERATOR_SHARE; i++) node.integrations().refreshTags(integrationId);
    Thread.sleep(WINDOW.toMillis() / 2);
    int deliveredInAWindow = LIMIT - OPERATOR_SHARE;
    for (int i = 0; i < deliveredInAWindow + 2; i++) {
      node.publisher().publish(DeliveryTestBase.purchase("o" + i, "p" + i + "@example.com", 1));
    }
    node.start();
    awaitDelivered(deliveredInAWindow);
    while (kit.forOperator().permitDelay(credential).compareTo(Duration.ofMillis(1500)) > 0) {
      Thread.sleep(20);
    }
    Duration shareDelay = kit.forOperator().permitDelay(credential);
    Duration wholeDelay = kit.permitDelay(credential);
    assertTrue(shareDelay.compareTo(Duration.ZERO) > 0, "the share is still spent");
    assertTrue(
        wholeDelay.compareTo(MAX_WAIT) > 0,
        "delivery spent the whole window beyond the bound: " + wholeDelay);

    long start = System.nanoTime();
    node.integrations().refreshTags(integrationId); // refused before: "next permit in ... ms"
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(
        took.compareTo(shareDelay.plus(Duration.ofMillis(800))) < 0,
        "made within about the share's delay (" + shareDelay + "), took " + took);

    awaitDelivered(deliveredInAWindow + 2);
    assertEquals(0, sandbox.rateLimitedCount(), "Kit answered 429");
    assertTrue(
        sandbox.peakRequestsInAnyWindow() <= LIMIT,
        "requests in one window: " + sandbox.peakRequestsInAnyWindow());
  }

  private void awaitDelivered(int actions) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (TestDatabases.countLog(node, LogQuery.builder().status(ActionStatus.DELIVERED))
        < actions) {
      assertTrue(System.nanoTime() < end, "delivered in time");
      Thread.sleep(20);
    }
  }

  private IntegrationEngine node(KitClient kit) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(kit)
        .workerThreads(1)
        .secretKey(SecretCipher.generateKey())
        .nodeId("node")
        .pollInterval(Duration.ofMillis(100))
        .rateWindow(WINDOW)
        .leaseDuration(Duration.ofSeconds(12))
        .kitCallBudget(Duration.ofSeconds(3))
        .parkAbove(Duration.ofMillis(200))
        .ruleRefreshInterval(Duration.ofMillis(200))
        .build();
  }
}

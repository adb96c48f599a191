package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connecting a new Kit key on one node (the admin) and delivering its integration on another, in
 * the same rate window, keeps Kit's limit (here 10 requests per 3 s, 2 kept for operators):
 * connect's calls went through the whole window of the admin's limiter (nobody else spends a new
 * key), so the node that takes the new integration's lease counts them in its own limiter before
 * its first call. Before, it started with an empty limiter: connect's 2 calls, delivery's 8 and the
 * operator's 2 Refreshes made 12 requests in one window (NodesBacklogBench saw 121 of 120).
 *
 * <p>The operator's Refreshes right after connecting use the share: they are neither held back nor
 * refused (the admin's client here refuses at once what it cannot send now).
 */
class ConnectCallsCountOnTheDeliveringNodeTest {
  static final int LIMIT = 10;
  static final int OPERATOR_SHARE = 2;
  static final Duration WINDOW = Duration.ofSeconds(3);

  KitSandbox sandbox;
  EntityManagerFactory emfStore;
  EntityManagerFactory emfAdmin;
  IntegrationEngine store;
  IntegrationEngine admin;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = KitSandbox.builder().port(0).rateLimit(LIMIT, WINDOW).build().start();
    String url = "jdbc:hsqldb:mem:ck" + UUID.randomUUID().toString().replace("-", "");
    emfStore = TestDatabases.hsqldb(url + ";hsqldb.tx=mvcc", "create");
    emfAdmin = TestDatabases.hsqldb(url, "none");
    String key = SecretCipher.generateKey();
    store = node(emfStore, key, "store", Duration.ofSeconds(30));
    admin = node(emfAdmin, key, "admin", Duration.ZERO);
  }

  @AfterEach
  void tearDown() {
    if (store != null) store.close();
    if (admin != null) admin.close();
    if (emfStore != null) emfStore.close();
    if (emfAdmin != null) emfAdmin.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void theDeliveringNodeCountsConnectsCallsInItsWindow() throws Exception {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long tag = sandbox.createTag(secret, "customer");
    long before = sandbox.requestCount();

    long integrationId = admin.integrations().connect("Main", secret).id();
    assertEquals(
        5,
        sandbox.requestCount() - before,
        "connect: the account, then its tags, forms, sequences and custom fields");
    PurchaseRules.addTag(store, integrationId, RuleTag.of("customer", tag));
    for (int i = 0; i < 20; i++) {
      store.publisher().publish(DeliveryTestBase.purchase("o" + i, "p" + i + "@example.com", 1));
    }
    store.start();
    for (int i = 0; i < OPERATOR_SHARE; i++) admin.integrations().refreshTags(integrationId);
    awaitDelivered(20);

    assertEquals(0, sandbox.rateLimitedCount(), "Kit answered 429");
    assertTrue(
        sandbox.peakRequestsInAnyWindow() <= LIMIT,
        "requests in one window: " + sandbox.peakRequestsInAnyWindow());
  }

  private void awaitDelivered(int actions) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (TestDatabases.countLog(store, LogQuery.builder().status(ActionStatus.DELIVERED))
        < actions) {
      assertTrue(System.nanoTime() < end, "delivered in time");
      Thread.sleep(50);
    }
  }

  private IntegrationEngine node(
      EntityManagerFactory emf, String key, String id, Duration maxRateLimitWait) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(
            KitClient.builder()
                .baseUrl(sandbox.baseUrl())
                .v4BaseUrl(sandbox.v4BaseUrl())
                .rateLimit(LIMIT, WINDOW)
                .operatorShare(OPERATOR_SHARE)
                .maxRateLimitWait(maxRateLimitWait)
                .build())
        .workerThreads(1)
        .secretKey(key)
        .nodeId(id)
        .pollInterval(Duration.ofMillis(100))
        .rateWindow(WINDOW)
        .leaseDuration(Duration.ofSeconds(8))
        .kitCallBudget(Duration.ofSeconds(1))
        .parkAbove(Duration.ofMillis(200))
        .ruleRefreshInterval(Duration.ofMillis(200))
        .build();
  }
}

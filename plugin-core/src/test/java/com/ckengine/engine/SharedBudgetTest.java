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
 * One Kit account has one budget (here 10 requests per 3 s, scaled from Kit's 120 per 60 s) however
 * many engines share its database, and whoever else calls Kit with its secret: the sandbox counts
 * every request it receives, refused ones too, and no window may hold more than the limit.
 */
class SharedBudgetTest {
  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofSeconds(3);

  KitSandbox sandbox;
  EntityManagerFactory emfA;
  EntityManagerFactory emfB;
  IntegrationEngine a;
  IntegrationEngine b;
  String secret;
  String key;
  long integrationId;

  @BeforeEach
  void setUp() throws Exception {
    sandbox = KitSandbox.builder().port(0).rateLimit(LIMIT, WINDOW).build().start();
    String url = "jdbc:hsqldb:mem:ck" + UUID.randomUUID().toString().replace("-", "");
    emfA = TestDatabases.hsqldb(url + ";hsqldb.tx=mvcc", "create");
    emfB = TestDatabases.hsqldb(url, "none");
    String key = SecretCipher.generateKey();
    this.key = key;
    a = node(emfA, key, "node-a");
    b = node(emfB, key, "node-b");
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    long tag = sandbox.createTag(secret, "customer");
    integrationId = a.integrations().connect("Main", secret).id();
    PurchaseRules.addTag(a, integrationId, RuleTag.of("customer", tag));
  }

  @AfterEach
  void tearDown() {
    if (a != null) a.close();
    if (b != null) b.close();
    if (emfA != null) emfA.close();
    if (emfB != null) emfB.close();
    if (sandbox != null) sandbox.close();
  }

  /**
   * Node a spends the window's budget, then its next drain finds no permit and makes no call. The
   * lease must stay with a until the window of its last call has passed: handed back at once, node
   * b (an empty limiter) would take it and call into a full window.
   */
  @Test
  void aDrainWithoutCallsKeepsTheLeaseUntilTheLastCallsWindowHasPassed() throws Exception {
    a.start();
    publish(a, "first", 8);
    awaitDelivered(8);
    publish(a, "second", 12);
    Thread.sleep(300); // a's next drain finds the window spent and parks without a call
    b.start();
    awaitDelivered(20);

    assertEquals(0, sandbox.rateLimitedCount(), "Kit answered 429");
    assertTrue(
        sandbox.peakRequestsInAnyWindow() <= LIMIT,
        "requests in one window: " + sandbox.peakRequestsInAnyWindow());
  }

  /**
   * An operator's calls (Refresh, Verify) on another node while a backlog drains at full speed:
   * they come out of a share of the budget kept for them, so together nothing exceeds the limit.
   */
  @Test
  void anOperatorsCallsOnAnotherNodeStayInsideTheBudget() throws Exception {
    Thread.sleep(WINDOW.toMillis() + 100); // connecting's calls leave the window
    a.start();
    publish(a, "backlog", 20);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(700);
      b.integrations().refreshTags(integrationId);
    }
    awaitDelivered(20);

    assertEquals(0, sandbox.rateLimitedCount(), "Kit answered 429");
    assertTrue(
        sandbox.peakRequestsInAnyWindow() <= LIMIT,
        "requests in one window: " + sandbox.peakRequestsInAnyWindow());
  }

  /**
   * While nobody delivers the integration, an operator's burst of clicks (here six Refreshes, three
   * times the operator's share) is not held back by the share: beyond it the calls take the
   * integration's lease and the whole window of their node's limiter. Delivery on the other node
   * starts once that lease is handed back, one window after the last click, and nothing exceeds the
   * limit. The operator's client here refuses at once what it cannot send now, so a call that
   * waited for the share would fail the test.
   */
  @Test
  void anOperatorsBurstWhileNobodyDeliversIsNotHeldBackByTheShare() throws Exception {
    Thread.sleep(WINDOW.toMillis() + 100); // connecting's calls leave the window
    IntegrationEngine operator = node(emfB, key, "operator", Duration.ZERO);
    try {
      for (int i = 0; i < 6; i++) operator.integrations().refreshTags(integrationId);
    } finally {
      operator.close();
    }
    a.start();
    publish(a, "after", 10);
    awaitDelivered(10);

    assertEquals(0, sandbox.rateLimitedCount(), "Kit answered 429");
    assertTrue(
        sandbox.peakRequestsInAnyWindow() <= LIMIT,
        "requests in one window: " + sandbox.peakRequestsInAnyWindow());
  }

  private void publish(IntegrationEngine node, String batch, int orders) {
    for (int i = 0; i < orders; i++) {
      node.publisher().publish(DeliveryTestBase.purchase(batch + i, batch + i + "@example.com", 1));
    }
  }

  private void awaitDelivered(int actions) {
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (TestDatabases.countLog(a, LogQuery.builder().status(ActionStatus.DELIVERED)) < actions) {
      assertTrue(System.nanoTime() < end, "delivered in time");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private IntegrationEngine node(EntityManagerFactory emf, String key, String id) {
    return node(emf, key, id, Duration.ofSeconds(30));
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
                .operatorShare(2)
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

package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.ChargeSucceeded;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import com.ckengine.subscription.JpaSubscriptionLifecycle;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscription Started and Subscription Completed from real store activity: a membership and the
 * Launch Accelerator's 3-payment plan bought over HTTP on the running demo, charged through the
 * billing page. Started fires at the first recurring charge, once; the plan's last charge completes
 * it, once, and nothing more is charged; a duplicate request and a billing module replaying a
 * charge fire nothing twice.
 */
class SubscriptionStartedAndCompletedTest {
  private static final long MEMBERSHIP = 104;
  private static final long ACCELERATOR = 120;
  private static final String PLAN_SKU = "121";

  private static DemoServer demo;
  private static KitSandbox sandbox;
  private static String secret;
  private static EntityManagerFactory emf;
  private static IntegrationEngine node;

  /** This test's own integration: other tests' rules on the same triggers act in theirs. */
  private static long integration;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    sandbox = demo.kitSandbox();
    secret = com.ckengine.sandbox.DemoAccount.createAnother(sandbox, "newer-triggers@demo.example");
    emf = DemoNodeDatabase.open(4);
    node =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(demo.kitBaseUrl()).build())
            .secretKey(demoSecretKey())
            .build();
    integration = node.integrations().connect("Newer triggers e2e", secret).id();
    for (long product : new long[] {MEMBERSHIP, ACCELERATOR}) {
      rule(integration, Trigger.SUBSCRIPTION_STARTED, ActionType.ADD_TAG, product, "started");
      rule(integration, Trigger.SUBSCRIPTION_STARTED, ActionType.ADD_PURCHASE, product, null);
      rule(integration, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_TAG, product, "charged");
      rule(integration, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_PURCHASE, product, null);
      rule(integration, Trigger.SUBSCRIPTION_COMPLETED, ActionType.ADD_TAG, product, "completed");
    }
    Thread.sleep(6000); // the demo's engine looks for rule changes every 5 s
  }

  @AfterAll
  static void close() {
    if (node != null) node.close();
    if (emf != null) emf.close();
  }

  @Test
  void chargeNowOnANewMembershipFiresStartedOnceAndRecordsOnePurchase() throws Exception {
    Buyer b = buy("starts", MEMBERSHIP, null);
    b.act("charge");
    b.act("charge"); // the next renewal: Charged again, Started not
    awaitTags(b.email, List.of("charged", "started"));
    assertDelivered(1, b.subscription, Trigger.SUBSCRIPTION_STARTED, ActionType.ADD_TAG);
    assertDelivered(2, b.subscription, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_TAG);
    await("two renewal purchases", () -> purchases(b.email).size() == 2);
    assertEquals(
        List.of(b.subscription + "-R1", b.subscription + "-R2"),
        transactionIds(b.email),
        "the first charge recorded once, though Started and Charged both ask for it");

    // The billing module reports the first charge again (a retry, a replayed webhook).
    FactResult replay = replay(b.subscription, b.subscription + "-R1");
    assertEquals(FactResult.Outcome.DUPLICATE, replay.outcome());
    Thread.sleep(2000);
    assertEquals(1, count(b.subscription, Trigger.SUBSCRIPTION_STARTED, ActionType.ADD_TAG));
    assertEquals(2, purchases(b.email).size());
  }

  @Test
  void theThreePaymentPlanIsChargedTwiceAfterTheOrderAndThenCompletes() throws Exception {
    Buyer b = buy("plan", ACCELERATOR, PLAN_SKU);
    assertTrue(b.page().contains("payment 1 of 3"), "the order is payment 1");
    b.act("charge");
    assertTrue(b.page().contains("payment 2 of 3"));
    b.act("charge");
    String page = b.page();
    assertTrue(page.contains("payment 3 of 3") && page.contains("COMPLETED"), page);
    // A further charge is neither made nor accepted.
    b.act("charge");
    assertTrue(b.page().contains("the payment plan is complete"));
    FactResult late = replay(b.subscription, b.subscription + "-R9");
    assertEquals(FactResult.Outcome.IGNORED, late.outcome());
    assertEquals(
        FactResult.Outcome.DUPLICATE, replay(b.subscription, b.subscription + "-R2").outcome());

    awaitTags(b.email, List.of("charged", "completed", "started"));
    assertDelivered(2, b.subscription, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_TAG);
    assertDelivered(1, b.subscription, Trigger.SUBSCRIPTION_STARTED, ActionType.ADD_TAG);
    assertDelivered(1, b.subscription, Trigger.SUBSCRIPTION_COMPLETED, ActionType.ADD_TAG);
    await("the two later payments in Kit", () -> purchases(b.email).size() == 2);
    assertEquals(List.of(b.subscription + "-R1", b.subscription + "-R2"), transactionIds(b.email));
    assertEquals(0, new BigDecimal("105.00").compareTo(purchases(b.email).get(0).total()));
    assertEquals("COMPLETED", status(b.subscription));
  }

  // ---- the store

  private static final class Buyer {
    final WebClient browser;
    final String email;
    final String subscription;

    Buyer(WebClient browser, String email, String subscription) {
      this.browser = browser;
      this.email = email;
      this.subscription = subscription;
    }

    String page() throws Exception {
      HttpResponse<String> r = browser.get("/demo/billing");
      assertEquals(200, r.statusCode());
      return r.body();
    }

    void act(String action) throws Exception {
      page();
      HttpResponse<String> r =
          browser.post("/demo/billing", Map.of("subscription", subscription, "action", action));
      assertEquals(302, r.statusCode(), r.body());
    }
  }

  private static Buyer buy(String who, long product, String sku) throws Exception {
    String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/products/" + product);
    Map<String, String> add =
        sku == null
            ? Map.of("productId", String.valueOf(product), "quantity", "1")
            : Map.of("productId", String.valueOf(product), "skuId", sku, "quantity", "1");
    assertEquals(302, browser.post("/cart/add", add).statusCode());
    browser.get("/checkout");
    HttpResponse<String> placed =
        browser.post("/checkout", Map.of("email", email, "firstName", "Pat"));
    assertEquals(302, placed.statusCode(), placed.body());
    String order = browser.redirectPath(placed).substring("/confirmation/".length());
    String[] subscription = new String[1];
    await(
        "the subscription of order " + order,
        () ->
            (subscription[0] =
                    query(
                        "SELECT SUBSCRIPTION_ID FROM CKDEMO_BILLING b"
                            + " WHERE b.ORDER_NUMBER = ? AND b.START_REPORTED = true",
                        order))
                != null);
    return new Buyer(browser, email, subscription[0]);
  }

  private static String status(String subscription) {
    return query("SELECT STATUS FROM CK_SUB_SUBSCRIPTION WHERE SUBSCRIPTION_ID = ?", subscription);
  }

  private static String query(String sql, String param) {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, param);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** What a billing module retrying a report does: the same charge reported again. */
  private static FactResult replay(String subscription, String chargeId) {
    return JpaSubscriptionLifecycle.builder()
        .entityManagerFactory(emf)
        .publisher(node.publisher())
        .build()
        .chargeSucceeded(
            ChargeSucceeded.builder()
                .subscriptionId(subscription)
                .chargeId(chargeId)
                .amount(new BigDecimal("1.00"))
                .chargedAt(Instant.now())
                .build());
  }

  // ---- Kit and the log

  private static void awaitTags(String email, List<String> expected) throws Exception {
    await(
        email + " tagged " + expected,
        () -> {
          List<String> tags = new ArrayList<>(sandbox.subscriberTags(secret, email));
          Collections.sort(tags);
          return tags.equals(expected);
        });
  }

  private static List<RecordedPurchase> purchases(String email) {
    List<RecordedPurchase> mine = new ArrayList<>();
    for (RecordedPurchase p : sandbox.purchases(secret)) {
      if (email.equalsIgnoreCase(p.emailAddress())) mine.add(p);
    }
    return mine;
  }

  private static List<String> transactionIds(String email) {
    List<String> ids = new ArrayList<>();
    for (RecordedPurchase p : purchases(email)) ids.add(p.transactionId());
    Collections.sort(ids);
    return ids;
  }

  private static void assertDelivered(int n, String subscription, Trigger t, ActionType a)
      throws Exception {
    List<ActionStatus> expected = Collections.nCopies(n, ActionStatus.DELIVERED);
    try {
      await(n + " " + t + " " + a, () -> statuses(subscription, t, a).equals(expected));
    } catch (AssertionError e) {
      assertEquals(expected, statuses(subscription, t, a), e.getMessage());
    }
  }

  private static int count(String subscription, Trigger t, ActionType a) {
    return statuses(subscription, t, a).size();
  }

  private static List<ActionStatus> statuses(String subscription, Trigger t, ActionType a) {
    List<ActionStatus> out = new ArrayList<>();
    for (LogEntry e :
        node.log()
            .search(
                LogQuery.builder()
                    .reference(subscription)
                    .integrationId(integration)
                    .pageSize(100)
                    .build())
            .entries()) {
      if (e.trigger() == t && e.action() == a) out.add(e.status());
    }
    return out;
  }

  private static void await(String what, Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(200);
    }
  }

  private static void rule(
      long integration, Trigger trigger, ActionType action, long product, String tag) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(trigger)
            .integrationId(integration)
            .action(action)
            .productId(product);
    if (tag != null) b.addTag(tag);
    node.rules().create(b.build());
  }

  private static String demoSecretKey() throws Exception {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in =
        new java.io.FileInputStream(
            new java.io.File(
                System.getProperty("ckdemo.data.dir"), "ckengine-override.properties"))) {
      p.load(in);
    }
    return p.getProperty("ckengine.secretKey").trim();
  }
}

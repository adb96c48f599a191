package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The six subscription triggers fired from real store activity: the membership bought over HTTP on
 * the running demo, its renewals charged by the demo's billing (steered through its page), and the
 * ConvertKit sandbox showing the tags added and removed and the renewal purchases, each once.
 *
 * <p>The integration and rules are created the way the admin does, through the engine's services,
 * from a second engine node on the demo's database (the demo's engine sees them at its next rule
 * refresh).
 */
class SubscriptionBillingTest {
  private static final long MEMBERSHIP = 104;
  private static final String RENEWED = "club-renewed";
  private static final String PAYMENT_FAILED = "club-payment-failed";
  private static final String RECOVERED = "club-recovered";
  private static final String DELINQUENT = "club-delinquent";
  private static final String CANCELED = "club-canceled";
  private static final String RESTARTED = "club-restarted";

  private static DemoServer demo;
  private static KitSandbox sandbox;
  private static String secret;
  private static EntityManagerFactory emf;
  private static IntegrationEngine admin;

  /** The demo's key, from the override file it keeps in its data folder (docs/demo.md). */
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

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    sandbox = demo.kitSandbox();
    // An account of its own: a Kit account is connected once, and other tests share this demo.
    secret =
        com.ckengine.sandbox.DemoAccount.createAnother(sandbox, "subscriptions@demo-store.example");
    emf = DemoNodeDatabase.open(4);
    admin =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(demo.kitBaseUrl()).build())
            .secretKey(demoSecretKey())
            .build();
    long integration = admin.integrations().connect("Subscriptions e2e", secret).id();
    rule(integration, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_TAG, RENEWED);
    rule(integration, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_PURCHASE, null);
    rule(integration, Trigger.SUBSCRIPTION_CHARGE_FAILED, ActionType.ADD_TAG, PAYMENT_FAILED);
    rule(integration, Trigger.SUBSCRIPTION_RECOVERED, ActionType.ADD_TAG, RECOVERED);
    rule(integration, Trigger.SUBSCRIPTION_RECOVERED, ActionType.REMOVE_TAG, PAYMENT_FAILED);
    rule(integration, Trigger.SUBSCRIPTION_DELINQUENT, ActionType.ADD_TAG, DELINQUENT);
    rule(integration, Trigger.SUBSCRIPTION_CANCELED, ActionType.ADD_TAG, CANCELED);
    rule(integration, Trigger.SUBSCRIPTION_RESTARTED, ActionType.ADD_TAG, RESTARTED);
    rule(integration, Trigger.SUBSCRIPTION_RESTARTED, ActionType.REMOVE_TAG, CANCELED);
    // The demo's engine looks for rule changes every 5 s.
    Thread.sleep(6000);
  }

  @AfterAll
  static void close() {
    System.clearProperty("ckdemo.billing.renewalSeconds");
    System.clearProperty("ckdemo.billing.retrySeconds");
    if (admin != null) admin.close();
    if (emf != null) emf.close();
  }

  @Test
  void eachRenewalIsChargedAndRecordedAsAPurchaseOnce() throws Exception {
    Member m = buy("renews");
    assertTrue(m.page().contains(m.subscription), "the billing page lists the subscription");
    m.act("charge");
    m.act("charge");
    awaitTags(m.email, Set.of(RENEWED));
    await("two renewal purchases", () -> purchases(m.email).size() == 2);
    assertEquals(
        List.of(m.subscription + "-R1", m.subscription + "-R2"),
        transactionIds(m.email),
        "one purchase per charge, its charge id as transaction id");
    assertEquals("19.00", purchases(m.email).get(0).total().setScale(2).toPlainString());
    assertDelivered(2, m.subscription, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_PURCHASE);
    assertDelivered(2, m.subscription, Trigger.SUBSCRIPTION_CHARGED, ActionType.ADD_TAG);
  }

  @Test
  void fourFailuresInARowMakeItDelinquentAndCanceledAndARestartBringsItBack() throws Exception {
    Member m = buy("lapses");
    for (int i = 0; i < 4; i++) m.act("fail-next");
    for (int i = 0; i < 4; i++) m.act("charge");
    awaitTags(m.email, Set.of(PAYMENT_FAILED, DELINQUENT, CANCELED));
    assertTrue(m.page().contains("DELINQUENT"), "the page shows the status");
    assertEquals(List.of(), purchases(m.email), "no money, no purchase");
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_CHARGE_FAILED, ActionType.ADD_TAG);
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_DELINQUENT, ActionType.ADD_TAG);
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_CANCELED, ActionType.ADD_TAG);

    m.act("restart");
    awaitTags(m.email, Set.of(PAYMENT_FAILED, DELINQUENT, RESTARTED));
    m.act("charge");
    awaitTags(m.email, Set.of(PAYMENT_FAILED, DELINQUENT, RESTARTED, RENEWED));
    await("the renewal's purchase", () -> purchases(m.email).size() == 1);
    assertEquals(List.of(m.subscription + "-R5"), transactionIds(m.email));
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_RESTARTED, ActionType.ADD_TAG);
  }

  @Test
  void aChargeThatSucceedsAfterACardUpdateIsARecovery() throws Exception {
    Member m = buy("recovers");
    m.act("fail-next");
    m.act("charge");
    awaitTags(m.email, Set.of(PAYMENT_FAILED));
    assertTrue(m.page().contains("PAST_DUE"), "the page shows the failed charge");
    m.act("card");
    m.act("charge");
    awaitTags(m.email, Set.of(RENEWED, RECOVERED));
    await("the recovering charge's purchase", () -> purchases(m.email).size() == 1);
    assertEquals(List.of(m.subscription + "-R2"), transactionIds(m.email));
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_RECOVERED, ActionType.ADD_TAG);
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_RECOVERED, ActionType.REMOVE_TAG);
  }

  @Test
  void aCanceledSubscriptionRestartedByHandFiresRestarted() throws Exception {
    Member m = buy("returns");
    m.act("cancel");
    awaitTags(m.email, Set.of(CANCELED));
    assertTrue(m.page().contains("CANCELED"));
    m.act("cancel"); // canceled twice: nothing more fires
    m.act("restart");
    awaitTags(m.email, Set.of(RESTARTED));
    m.act("restart"); // restarted twice: nothing more fires
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_CANCELED, ActionType.ADD_TAG);
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_RESTARTED, ActionType.ADD_TAG);
    assertDelivered(1, m.subscription, Trigger.SUBSCRIPTION_RESTARTED, ActionType.REMOVE_TAG);
  }

  @Test
  void renewalsRunOnTheirScheduleUntilCanceled() throws Exception {
    System.setProperty("ckdemo.billing.renewalSeconds", "2");
    try {
      Member m = buy("scheduled");
      await("two scheduled renewals", () -> purchases(m.email).size() >= 2);
      m.act("cancel");
      awaitTags(m.email, Set.of(RENEWED, CANCELED));
      int afterCancel = purchases(m.email).size();
      Thread.sleep(5000);
      assertEquals(afterCancel, purchases(m.email).size(), "no renewal after the cancel");
      List<String> ids = transactionIds(m.email);
      assertEquals(new TreeSet<>(ids).size(), ids.size(), "each charge recorded once");
    } finally {
      System.clearProperty("ckdemo.billing.renewalSeconds");
    }
  }

  // ---- the store

  /** A customer who bought the membership, with the subscription the purchase started. */
  private static final class Member {
    final WebClient browser;
    final String email;
    final String subscription;

    Member(WebClient browser, String email, String subscription) {
      this.browser = browser;
      this.email = email;
      this.subscription = subscription;
    }

    String page() throws Exception {
      HttpResponse<String> r = browser.get("/demo/billing");
      assertEquals(200, r.statusCode());
      return r.body();
    }

    /** Presses one of the billing page's buttons for this subscription. */
    void act(String action) throws Exception {
      page();
      HttpResponse<String> r =
          browser.post("/demo/billing", Map.of("subscription", subscription, "action", action));
      assertEquals(302, r.statusCode(), r.body());
      String after = page();
      assertTrue(after.contains(subscription + ": "), "the page reports the " + action);
    }
  }

  private static Member buy(String who) throws Exception {
    String email = who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/");
    assertEquals(
        302,
        browser
            .post("/cart/add", Map.of("productId", String.valueOf(MEMBERSHIP), "quantity", "1"))
            .statusCode());
    browser.get("/checkout");
    HttpResponse<String> placed =
        browser.post("/checkout", Map.of("email", email, "firstName", "Sam"));
    assertEquals(302, placed.statusCode(), placed.body());
    String orderNumber = browser.redirectPath(placed).substring("/confirmation/".length());
    String subscription = null;
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT b.SUBSCRIPTION_ID, s.STATUS FROM CKDEMO_BILLING b "
                    + "JOIN CK_SUB_SUBSCRIPTION s ON s.SUBSCRIPTION_ID = b.SUBSCRIPTION_ID "
                    + "WHERE b.ORDER_NUMBER = ?")) {
      q.setString(1, orderNumber);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), "the order " + orderNumber + " started a subscription");
        subscription = rs.getString(1);
        assertEquals("ACTIVE", rs.getString(2));
        assertTrue(!rs.next(), "one subscription for one membership line");
      }
    }
    return new Member(browser, email, subscription);
  }

  // ---- the sandbox and the log

  private static void awaitTags(String email, Set<String> expected) throws Exception {
    await(
        email + " tagged exactly " + expected,
        () -> new TreeSet<>(sandbox.subscriberTags(secret, email)).equals(new TreeSet<>(expected)));
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
    return ids;
  }

  /**
   * Waits until the log holds exactly {@code n} actions of this subscription for the trigger and
   * action, all delivered to Kit: a duplicate (an extra action, in any state) never matches.
   */
  private static void assertDelivered(
      int n, String subscription, Trigger trigger, ActionType action) throws Exception {
    List<ActionStatus> expected = java.util.Collections.nCopies(n, ActionStatus.DELIVERED);
    try {
      await(
          n + " " + trigger + " " + action + " delivered",
          () -> statuses(subscription, trigger, action).equals(expected));
    } catch (AssertionError e) {
      assertEquals(expected, statuses(subscription, trigger, action), e.getMessage());
    }
  }

  private static List<ActionStatus> statuses(
      String subscription, Trigger trigger, ActionType action) {
    List<ActionStatus> statuses = new ArrayList<>();
    for (LogEntry e :
        admin
            .log()
            .search(LogQuery.builder().reference(subscription).pageSize(100).build())
            .entries()) {
      if (e.trigger() == trigger && e.action() == action) statuses.add(e.status());
    }
    return statuses;
  }

  private static void await(String what, Supplier<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(200);
    }
  }

  private static void rule(long integration, Trigger trigger, ActionType action, String tag) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(trigger)
            .integrationId(integration)
            .action(action)
            .productId(MEMBERSHIP);
    if (tag != null) b.addTag(tag);
    admin.rules().create(b.build());
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.InvalidEventException;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery against the real sandbox over HTTP with a real database; subclasses pick the database.
 */
abstract class DeliveryTestBase {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  IntegrationEngine engine;
  String secret;
  long integrationId;

  abstract EntityManagerFactory database();

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).rateLimit(20, Duration.ofSeconds(2)).build();
    sandbox.start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    emf = database();
    engine =
        engine(
            KitClient.builder()
                .baseUrl(sandbox.baseUrl())
                .v4BaseUrl(sandbox.v4BaseUrl())
                .rateLimit(20, Duration.ofSeconds(2))
                .build(),
            "node-a");
    integrationId = engine.integrations().connect("Main", secret).id();
  }

  IntegrationEngine engine(KitClient client, String node) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(client)
        .secretKey(KEY)
        .nodeId(node)
        .pollInterval(Duration.ofMillis(100))
        .retryBaseDelay(Duration.ofMillis(200))
        .retryMaxDelay(Duration.ofSeconds(1))
        .rateWindow(Duration.ofSeconds(2))
        .leaseDuration(Duration.ofSeconds(3))
        .kitCallBudget(Duration.ofMillis(500))
        .build();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  static StoreEvent purchase(String order, String email, long... products) {
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAt(Instant.now())
            .email(email)
            .firstName("Ann")
            .reference(order)
            .eventKey("order:" + order + ":purchased")
            .currency("USD")
            .total(new BigDecimal("25.00"));
    for (long p : products) {
      b.addLine(
          EventLine.builder()
              .productId(p)
              .sku("SKU" + p)
              .name("Product " + p)
              .unitPrice(new BigDecimal("12.50"))
              .build());
    }
    return b.build();
  }

  RuleDefinition rule(Trigger t, ActionType a, Long product, String... tags) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(t)
            .integrationId(integrationId)
            .action(a)
            .productId(product);
    for (String tag : tags) b.addTag(tag);
    return engine.rules().create(b.build());
  }

  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) fail("timed out waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  List<LogEntry> log(LogQuery q) {
    return engine.log().search(q).entries();
  }

  List<LogEntry> logOf(String reference) {
    return log(LogQuery.builder().reference(reference).build());
  }

  boolean allFinal(String reference) {
    for (LogEntry e : logOf(reference)) if (e.status().isOpen()) return false;
    return true;
  }

  @Test
  void deliversTagsAndPurchaseExactlyOnce() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, 7L, "bought-7");
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer", "Bought-7");
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_PURCHASE, 7L);
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_PURCHASE, null);
    engine.start();
    PublishResult r = engine.publisher().publish(purchase("1001", "ann@example.com", 7, 8));
    assertTrue(r.isAccepted());
    assertEquals(2, r.plannedActions());
    // Broadleaf fires its order event many times: the same key again is a no-op.
    PublishResult again = engine.publisher().publish(purchase("1001", "ann@example.com", 7, 8));
    assertEquals(PublishResult.Status.DUPLICATE, again.status());
    assertEquals(r.eventId(), again.eventId());

    await("delivery", () -> allFinal("1001"));
    List<LogEntry> entries = logOf("1001");
    assertEquals(2, entries.size(), entries.toString());
    for (LogEntry e : entries) {
      assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
      assertEquals(1, e.attempts());
      assertEquals("Main", e.integrationLabel());
    }
    // Global rules come first; "Bought-7" and "bought-7" are one tag, applied once.
    assertEquals(
        Arrays.asList("customer", "Bought-7"), sandbox.subscriberTags(secret, "ann@example.com"));
    List<RecordedPurchase> purchases = sandbox.purchases(secret);
    assertEquals(1, purchases.size());
    assertEquals("1001", purchases.get(0).transactionId());
    // The hand-typed tags were created in Kit by name and cached.
    assertNotNull(sandbox.tagId(secret, "customer"));
    assertTrue(engine.integrations().get(integrationId).tags().size() >= 2);
  }

  @Test
  void noRuleMatchedIsLoggedAndTestOrdersAreMarked() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, 99L, "only-99");
    StoreEvent e =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAt(Instant.now())
            .email("Bob@Example.com")
            .reference("2002")
            .eventKey("order:2002:purchased")
            .currency("EUR")
            .addLine(
                EventLine.builder().productId(5).name("Five").unitPrice(BigDecimal.ONE).build())
            .test(true)
            .build();
    PublishResult r = engine.publisher().publish(e);
    assertEquals(0, r.plannedActions());
    List<LogEntry> l = log(LogQuery.builder().email("bob@example.COM").build());
    assertEquals(1, l.size());
    assertEquals(ActionStatus.SKIPPED, l.get(0).status());
    assertEquals("no rule matched", l.get(0).note());
    assertTrue(l.get(0).isTest());
    assertNull(l.get(0).action());
    assertEquals(1, log(LogQuery.builder().test(true).build()).size());
    assertEquals(0, log(LogQuery.builder().test(false).build()).size());
  }

  @Test
  void kitDownForAWhileThenDelivered() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    sandbox.createTag(secret, "customer");
    engine.integrations().refreshTags(integrationId);
    sandbox.failNext(3, 500);
    engine.start();
    engine.publisher().publish(purchase("3003", "cy@example.com", 1));
    await("delivery after 500s", () -> allFinal("3003"));
    LogEntry e = logOf("3003").get(0);
    assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    assertEquals(4, e.attempts(), e.toString());
    assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(secret, "cy@example.com"));
  }

  @Test
  void retryingShowsKitsAnswerAndGivesUpAtTheHorizon() throws Exception {
    engine.close();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .build())
            .secretKey(KEY)
            .pollInterval(Duration.ofMillis(100))
            .retryBaseDelay(Duration.ofMillis(100))
            .retryMaxDelay(Duration.ofMillis(200))
            .retryHorizon(Duration.ofMillis(700))
            .build();
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    sandbox.failNext(1000, 500);
    engine.start();
    engine.publisher().publish(purchase("3004", "dee@example.com", 1));
    await("giving up", () -> allFinal("3004"));
    LogEntry e = logOf("3004").get(0);
    assertEquals(ActionStatus.FAILED, e.status());
    assertEquals(500, e.httpStatus());
    assertTrue(e.message().startsWith("gave up after "), e.message());
    assertTrue(e.attempts() >= 2, e.toString());
    sandbox.clearFaults();
    assertTrue(engine.logActions().retry(e.actionId()));
    assertFalse(engine.logActions().retry(e.actionId()), "only FAILED actions are retried");
    await("retried delivery", () -> allFinal("3004"));
    assertEquals(ActionStatus.DELIVERED, logOf("3004").get(0).status());
  }

  @Test
  void rateLimitedThenDeliveredWithinTheLimit() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    sandbox.createTag(secret, "customer");
    engine.integrations().refreshTags(integrationId);
    sandbox.failNext(2, 429);
    engine.start();
    for (int i = 0; i < 30; i++) {
      engine.publisher().publish(purchase("R" + i, "r" + i + "@example.com", 1));
    }
    await(
        "30 deliveries",
        () ->
            log(LogQuery.builder().status(ActionStatus.DELIVERED).pageSize(100).build()).size()
                == 30);
    // The two injected 429s were retried; the client's limiter kept the engine inside the real
    // limit (20 per 2 s here), so the sandbox itself never had to refuse a call.
    int attempts = 0;
    StringBuilder retried = new StringBuilder();
    for (LogEntry e : log(LogQuery.builder().pageSize(100).build())) {
      attempts += e.attempts();
      if (e.attempts() > 1) retried.append("\n").append(e);
    }
    assertEquals(0, sandbox.rateLimitedCount(), "429s from the sandbox's own limit");
    assertEquals(32, attempts, "retried:" + retried);
  }

  @Test
  void deletedTagFailsWithItsReasonAndIsNotRetried() throws Exception {
    long tagId = sandbox.createTag(secret, "gone");
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integrationId)
                .action(ActionType.ADD_TAG)
                .addTag(RuleTag.of("gone", tagId))
                .build());
    sandbox.deleteTag(secret, tagId);
    engine.start();
    engine.publisher().publish(purchase("4004", "eve@example.com", 1));
    await("failure", () -> allFinal("4004"));
    LogEntry e = logOf("4004").get(0);
    assertEquals(ActionStatus.FAILED, e.status());
    assertEquals(404, e.httpStatus());
    assertTrue(e.message().contains("NOT_FOUND"), e.message());
    long requests = sandbox.requestCount();
    Thread.sleep(800);
    assertEquals(requests, sandbox.requestCount(), "a FAILED action is not retried");
    assertEquals(1, logOf("4004").get(0).attempts());
  }

  @Test
  void badCredentialsMarkTheIntegrationAndHoldItsActionsUntilTheSecretIsReplaced()
      throws Exception {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    String fresh = sandbox.rotateSecret(secret); // the stored secret is refused from now on
    engine.start();
    engine.publisher().publish(purchase("4005", "fay@example.com", 1));
    await(
        "the secret refused",
        () ->
            engine.integrations().get(integrationId).status() == IntegrationStatus.NEEDS_ATTENTION);
    // The integration is marked before the action's row is recorded (DeliverAction.record): wait
    // for the row too.
    await("the refused action recorded", () -> logOf("4005").get(0).attempts() == 1);
    LogEntry refused = logOf("4005").get(0);
    assertEquals(ActionStatus.RETRYING, refused.status(), "held, not failed");
    assertEquals(401, refused.httpStatus());
    assertEquals(
        IntegrationStatus.NEEDS_ATTENTION, engine.integrations().get(integrationId).status());

    long requests = sandbox.requestCount();
    engine.publisher().publish(purchase("4006", "gil@example.com", 1));
    engine.publisher().publish(purchase("4007", "hal@example.com", 1));
    Thread.sleep(600);
    assertEquals(requests, sandbox.requestCount(), "no call with a secret Kit refused");
    assertEquals(ActionStatus.PENDING, logOf("4006").get(0).status());

    engine.integrations().replaceSecret(integrationId, fresh);
    await("held actions delivered", () -> allFinal("4005") && allFinal("4006") && allFinal("4007"));
    for (String ref : new String[] {"4005", "4006", "4007"}) {
      assertEquals(ActionStatus.DELIVERED, logOf(ref).get(0).status(), ref);
    }
    assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(fresh, "hal@example.com"));
  }

  @Test
  void testOrdersAreDeliveredAndLoggedAsTest() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    engine.start();
    engine
        .publisher()
        .publish(
            StoreEvent.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .occurredAt(Instant.now())
                .email("test@example.com")
                .reference("T1")
                .eventKey("order:T1")
                .currency("USD")
                .addLine(
                    EventLine.builder().productId(1).name("P").unitPrice(BigDecimal.ONE).build())
                .test(true)
                .build());
    await("delivery", () -> allFinal("T1"));
    LogEntry e = logOf("T1").get(0);
    assertEquals(ActionStatus.DELIVERED, e.status());
    assertTrue(e.isTest());
    assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(secret, "test@example.com"));
  }

  @Test
  void badEventsAreRefusedAndNothingIsStored() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "customer");
    InvalidEventException ex =
        assertThrows(
            InvalidEventException.class,
            () ->
                engine
                    .publisher()
                    .publish(
                        StoreEvent.builder()
                            .trigger(Trigger.PRODUCT_PURCHASED)
                            .occurredAt(Instant.now())
                            .email("not-an-email")
                            .reference("5005")
                            .eventKey("order:5005:purchased")
                            .build()));
    assertTrue(ex.getMessage().contains("email 'not-an-email' is not an email address"));
    assertTrue(log(LogQuery.all()).isEmpty());
  }

  @Test
  void prospectActionsAreDelayedAndCanBeCancelled() {
    rule(Trigger.PROSPECT_CREATED, ActionType.ADD_TAG, null, "prospect");
    engine.start();
    StoreEvent e =
        StoreEvent.builder()
            .trigger(Trigger.PROSPECT_CREATED)
            .occurredAt(Instant.now())
            .email("gus@example.com")
            .reference("cart-77")
            .eventKey("cart:77:prospect")
            .build();
    assertEquals(1, engine.publisher().publish(e).plannedActions());
    LogEntry pending = logOf("cart-77").get(0);
    assertEquals(ActionStatus.PENDING, pending.status());
    assertTrue(pending.dueAt().isAfter(Instant.now().plus(Duration.ofMinutes(119))));
    assertEquals(1, engine.publisher().cancel(Trigger.PROSPECT_CREATED, "cart-77"));
    assertEquals(ActionStatus.CANCELLED, logOf("cart-77").get(0).status());
    assertEquals(0, engine.publisher().cancel(Trigger.PROSPECT_CREATED, "cart-77"));
  }

  @Test
  void removeTagsAndPrimaryEmailNote() {
    long vip = sandbox.createTag(secret, "vip");
    engine.integrations().refreshTags(integrationId);
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, null, "vip");
    rule(Trigger.PRODUCT_REFUNDED, ActionType.REMOVE_TAG, null, "vip", "never-existed");
    engine.start();
    engine.publisher().publish(purchase("6006", "owner@shop.example", 1));
    await("tagging", () -> allFinal("6006"));
    assertEquals(Arrays.asList("vip"), sandbox.subscriberTags(secret, "owner@shop.example"));
    LogEntry tagged = logOf("6006").get(0);
    assertEquals(DeliverAction.PRIMARY_EMAIL_NOTE, tagged.note());
    engine
        .publisher()
        .publish(
            StoreEvent.builder()
                .trigger(Trigger.PRODUCT_REFUNDED)
                .occurredAt(Instant.now())
                .email("owner@shop.example")
                .reference("6006")
                .eventKey("order:6006:refunded")
                .currency("USD")
                .addLine(
                    EventLine.builder().productId(1).name("P").unitPrice(BigDecimal.ONE).build())
                .build());
    await("removal", () -> allFinal("6006"));
    assertTrue(sandbox.subscriberTags(secret, "owner@shop.example").isEmpty());
    LogEntry removed = log(LogQuery.builder().trigger(Trigger.PRODUCT_REFUNDED).build()).get(0);
    assertEquals(ActionStatus.DELIVERED, removed.status(), removed.toString());
    assertTrue(removed.message().contains("never-existed"), removed.message());
    assertEquals(vip, (long) sandbox.tagId(secret, "vip"));
  }

  @Test
  void logSearchFiltersAndPages() {
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, 1L, "one");
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, 2L, "two");
    for (int i = 0; i < 7; i++) {
      engine
          .publisher()
          .publish(purchase("L" + i, "l" + (i % 2) + "@example.com", i % 2 == 0 ? 1 : 2));
    }
    LogPage first = engine.log().search(LogQuery.builder().pageSize(3).build());
    assertEquals(3, first.entries().size());
    assertTrue(first.hasMore());
    assertEquals("L6", first.entries().get(0).reference(), "newest first");
    LogPage second =
        engine.log().search(LogQuery.builder().pageSize(3).after(first.nextCursor()).build());
    assertEquals("L3", second.entries().get(0).reference(), "the page after the first");
    LogPage last =
        engine.log().search(LogQuery.builder().pageSize(3).after(second.nextCursor()).build());
    assertEquals(1, last.entries().size());
    assertFalse(last.hasMore());
    assertEquals(4, log(LogQuery.builder().tag("ONE").build()).size());
    assertEquals(3, log(LogQuery.builder().email("l1@example.com").build()).size());
    assertEquals(7, log(LogQuery.builder().status(ActionStatus.PENDING).build()).size());
    assertEquals(7, log(LogQuery.builder().integrationId(integrationId).build()).size());
    assertEquals(0, log(LogQuery.builder().trigger(Trigger.PRODUCT_REFUNDED).build()).size());
    assertEquals(0, log(LogQuery.builder().from(Instant.now().plusSeconds(60)).build()).size());
    assertEquals(
        7,
        log(LogQuery.builder()
                .from(Instant.now().minusSeconds(60))
                .to(Instant.now().plusSeconds(60))
                .build())
            .size());
    assertEquals("product 1", log(LogQuery.builder().reference("L0").build()).get(0).ruleScope());
  }
}

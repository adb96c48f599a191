package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, point 1 (Past Orders), on a real database against the Kit sandbox over HTTP: the
 * preview's counts, a run with a restart in the middle, refunded and test orders left out, a second
 * run that sends nothing, orders delivered live skipped. Orders come from {@link FakePastOrders}; a
 * run keeps at most half a {@link #WINDOW} of actions in the outbox, so a run of 40 orders is fed
 * in slices. Subclasses pick the database.
 */
abstract class PastOrdersTestBase {
  static final String KEY = SecretCipher.generateKey();
  static final int WINDOW = 10;
  static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");

  KitSandbox sandbox;
  EntityManagerFactory emf;
  String secret;
  KitClient client;
  FakePastOrders store = new FakePastOrders();
  final List<IntegrationEngine> engines = new ArrayList<IntegrationEngine>();
  IntegrationEngine engine;
  long integration;
  RuleDefinition tagRule;

  abstract EntityManagerFactory database();

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    emf = database();
    client =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .v4BaseUrl(sandbox.v4BaseUrl())
            .noRateLimit()
            .build();
    engine = engine("a");
    integration = engine.integrations().connect("Main", secret).id();
    sandbox.createTag(secret, "past-buyer");
    engine.integrations().refreshTags(integration);
    tagRule =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(integration)
                    .action(ActionType.ADD_TAG)
                    .addTag(RuleTag.of("past-buyer", sandbox.tagId(secret, "past-buyer")))
                    .build());
  }

  @AfterEach
  void tearDown() {
    for (IntegrationEngine e : engines) e.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  IntegrationEngine engine(String node) {
    IntegrationEngine e =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(client)
            .secretKey(KEY)
            .nodeId(node)
            .pollInterval(Duration.ofMillis(100))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .pastOrderSource(store)
            .pastOrderTick(Duration.ofMillis(100))
            .pastOrderCallsPerWindow(CredentialKind.V3_API_SECRET, WINDOW)
            .build();
    engines.add(e);
    return e;
  }

  /** {@code n} orders on 1 March 2024, one customer each, product 7; every fifth also product 8. */
  void orders(int n) {
    for (int i = 0; i < n; i++) {
      long[] products = i % 5 == 0 ? new long[] {7, 8} : new long[] {7};
      store.add(
          "P" + i, "c" + i + "@example.com", DAY.plusSeconds(60L * i), false, false, products);
    }
  }

  PastOrderRequest.Builder march() {
    return PastOrderRequest.builder()
        .integrationId(integration)
        .range(DAY, DAY.plus(Duration.ofDays(1)));
  }

  PastOrderProgress awaitDone(IntegrationEngine e, long run) {
    await(
        "run " + run + " done",
        () -> e.pastOrders().progress(run).status() == PastOrderRunStatus.DONE);
    return e.pastOrders().progress(run);
  }

  long pastActions() {
    return engine
        .log()
        .search(LogQuery.builder().pastOrders(true).pageSize(200).build())
        .entries()
        .size();
  }

  @Test
  void previewCountsOrdersCustomersActionsAndWhatIsLeftOut() {
    orders(10);
    store.add("R1", "c1@example.com", DAY.plusSeconds(7200), true, false, 7); // refunded
    store.add("T1", "t1@example.com", DAY.plusSeconds(7300), false, true, 7); // test
    store.add("OLD", "old@example.com", DAY.minusSeconds(10), false, false, 7); // before range
    RuleDefinition purchase8 =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(integration)
                    .action(ActionType.ADD_PURCHASE)
                    .productId(8L)
                    .build());
    long requests = sandbox.requestCount();

    PastOrderPreview p =
        engine
            .pastOrders()
            .preview(march().allPurchasedRules().excludeRefunded(true).excludeTest(true).build());

    assertEquals(10, p.orders(), p.toString());
    assertEquals(10, p.customers(), p.toString()); // R1's customer c1 bought in range too
    assertEquals(1, p.refundedLeftOut(), p.toString());
    assertEquals(1, p.testLeftOut(), p.toString());
    assertEquals(Long.valueOf(10), p.ordersByKind().get(ActionType.ADD_TAG), p.toString());
    assertEquals(Long.valueOf(2), p.ordersByKind().get(ActionType.ADD_PURCHASE), p.toString());
    assertEquals(12, p.actions());
    assertEquals(2, p.rules().size());
    assertTrue(p.alreadyPlannedByKind().isEmpty(), p.toString());

    PastOrderPreview keepAll = engine.pastOrders().preview(march().productRules(8).build());
    assertEquals(2, keepAll.orders(), keepAll.toString());
    assertEquals(purchase8.id(), keepAll.rules().get(0).id());
    assertEquals(0, keepAll.refundedLeftOut());

    assertEquals(requests, sandbox.requestCount(), "a preview sends nothing to Kit");
    assertEquals(0, pastActions(), "a preview stores nothing");
  }

  @Test
  void aRunRestartedInTheMiddleSendsEachOrderOnce() {
    orders(40);
    long before = sandbox.requestCount();
    PastOrderProgress started = engine.pastOrders().start(march().oneRule(tagRule.id()).build());
    assertEquals(40, started.total());
    engine.start();
    await(
        "a first slice fed",
        () -> engine.pastOrders().progress(started.runId()).fed() >= WINDOW / 2);
    engine.close(); // the node stops in the middle of the run
    PastOrderProgress middle = engine.pastOrders().progress(started.runId());
    assertTrue(middle.fed() < 40, "stopped in the middle: " + middle);
    assertEquals(PastOrderRunStatus.RUNNING, middle.status());

    IntegrationEngine restarted = engine("b");
    restarted.start();
    PastOrderProgress done = awaitDone(restarted, started.runId());

    assertEquals(40, done.total(), done.toString());
    assertEquals(40, done.done(), done.toString());
    assertEquals(40, done.sent(), done.toString());
    assertEquals(Long.valueOf(40), done.actionsByStatus().get(ActionStatus.DELIVERED));
    assertEquals(40, pastActions());
    for (int i = 0; i < 40; i++) {
      assertEquals(
          java.util.Collections.singletonList("past-buyer"),
          sandbox.subscriberTags(secret, "c" + i + "@example.com"));
    }
    assertEquals(40, sandbox.requestCount() - before, "one Kit call per order, none twice");
    for (LogEntry e :
        restarted
            .log()
            .search(LogQuery.builder().pastOrders(true).pageSize(200).build())
            .entries()) {
      assertEquals(1, e.attempts(), e.toString());
      assertTrue(e.isFromPastOrders());
      assertEquals(Long.valueOf(started.runId()), e.pastRunId());
    }
  }

  @Test
  void refundedAndTestOrdersAreLeftOut() {
    orders(3);
    store.add("R1", "refunded@example.com", DAY.plusSeconds(7200), true, false, 7);
    store.add("T1", "test@example.com", DAY.plusSeconds(7300), false, true, 7);
    engine.start();
    PastOrderProgress run =
        engine
            .pastOrders()
            .start(march().allPurchasedRules().excludeRefunded(true).excludeTest(true).build());
    PastOrderProgress done = awaitDone(engine, run.runId());

    assertEquals(3, done.total(), done.toString());
    assertEquals(3, done.sent());
    assertFalse(sandbox.hasSubscriber(secret, "refunded@example.com"));
    assertFalse(sandbox.hasSubscriber(secret, "test@example.com"));
    assertTrue(engine.log().search(LogQuery.builder().reference("R1").build()).entries().isEmpty());
    assertTrue(engine.log().search(LogQuery.builder().reference("T1").build()).entries().isEmpty());
  }

  @Test
  void aSecondRunOverTheSameSelectionSendsNothing() {
    orders(12);
    engine.start();
    long first = engine.pastOrders().start(march().allPurchasedRules().build()).runId();
    awaitDone(engine, first);
    long requests = sandbox.requestCount();

    long second = engine.pastOrders().start(march().allPurchasedRules().build()).runId();
    PastOrderProgress done = awaitDone(engine, second);

    assertEquals(12, done.total(), done.toString());
    assertEquals(0, done.sent(), done.toString());
    assertEquals(12, done.skippedEarlier(), done.toString());
    assertEquals(0, done.plannedActions());
    assertEquals(12, pastActions());
    assertEquals(requests, sandbox.requestCount(), "nothing sent again");
  }

  @Test
  void ordersDeliveredByTheirLiveEventAreSkipped() {
    orders(6);
    engine.start();
    // Orders P0 and P1 reached the plugin live: their events are the ones the past run would make.
    for (int i = 0; i < 2; i++) engine.publisher().publish(store.orders.get(i).event);
    await(
        "live orders delivered",
        () ->
            DeliveryPromiseTestBase.finalIn(engine, "P0")
                && DeliveryPromiseTestBase.finalIn(engine, "P1"));
    long requests = sandbox.requestCount();

    PastOrderPreview preview = engine.pastOrders().preview(march().allPurchasedRules().build());
    assertEquals(Long.valueOf(2), preview.alreadyPlannedByKind().get(ActionType.ADD_TAG));

    long run = engine.pastOrders().start(march().allPurchasedRules().build()).runId();
    PastOrderProgress done = awaitDone(engine, run);

    assertEquals(6, done.total(), done.toString());
    assertEquals(4, done.sent(), done.toString());
    assertEquals(2, done.skippedLive(), done.toString());
    assertEquals(4, sandbox.requestCount() - requests, "the live orders were not sent again");
    assertTrue(
        engine
            .log()
            .search(LogQuery.builder().reference("P0").pastOrders(true).build())
            .entries()
            .isEmpty());
  }

  @Test
  void aFormRuleSubscribesPastBuyersToItsFormAndSkipsOrdersItsLiveEventSubscribed() {
    long form = sandbox.createForm(secret, "Past buyers");
    engine.integrations().refreshFormsAndSequences(integration);
    RuleDefinition formRule =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(integration)
                    .action(ActionType.ADD_TO_FORM)
                    .target(com.ckengine.api.RuleTarget.of(form, "Past buyers"))
                    .build());
    orders(4);
    engine.start();
    engine.publisher().publish(store.orders.get(0).event); // P0 reached the plugin live
    await("live order delivered", () -> DeliveryPromiseTestBase.finalIn(engine, "P0"));

    long run = engine.pastOrders().start(march().oneRule(formRule.id()).build()).runId();
    PastOrderProgress done = awaitDone(engine, run);

    assertEquals(3, done.sent(), done.toString());
    assertEquals(1, done.skippedLive(), done.toString());
    assertEquals(Long.valueOf(3), done.actionsByStatus().get(ActionStatus.DELIVERED));
    for (int i = 0; i < 4; i++) {
      assertTrue(sandbox.isAddedTo(secret, "c" + i + "@example.com", form), "c" + i);
    }
    for (LogEntry e : engine.log().search(LogQuery.builder().pastOrders(true).build()).entries()) {
      assertEquals("Past buyers", e.target(), e.toString());
    }
  }
}

package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.CredentialKind;
import java.time.Duration;
import java.time.Instant;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, point 1: what a browser can post to Past Orders is checked, with a reason per field,
 * and nothing is stored for a refused request; one active run per integration; pause, resume and
 * cancel (cancelling cancels the run's actions not sent yet). An offline engine (Kit unreachable).
 */
class PastOrderRequestChecksTest {
  static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");

  EntityManagerFactory emf;
  IntegrationEngine engine;
  FakePastOrders store = new FakePastOrders();
  long integration;
  RuleDefinition tagRule;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    engine =
        OfflineEngine.builder(emf)
            .pastOrderSource(store)
            .pastOrderTick(Duration.ofMillis(50))
            .pastOrderCallsPerWindow(CredentialKind.V3_API_SECRET, 5)
            .build();
    integration = OfflineEngine.insertIntegration(emf);
    tagRule = PurchaseRules.addTag(engine, integration, "past");
    for (int i = 0; i < 20; i++) {
      store.add("P" + i, "c" + i + "@example.com", DAY.plusSeconds(i), false, false, 7);
    }
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  PastOrderRequest.Builder march() {
    return PastOrderRequest.builder()
        .integrationId(integration)
        .range(DAY, DAY.plus(Duration.ofDays(1)));
  }

  private static InvalidPastOrderRequest refused(Runnable r) {
    return assertThrows(InvalidPastOrderRequest.class, r::run);
  }

  @Test
  void everyProblemOfARequestIsNamedByField() {
    InvalidPastOrderRequest e =
        refused(
            () ->
                engine
                    .pastOrders()
                    .preview(
                        PastOrderRequest.builder()
                            .integrationId(999)
                            .range(DAY, DAY.minusSeconds(1))
                            .build()));
    assertEquals("There is no integration with id 999.", e.problems().get("integration"));
    assertEquals("The start date must be before the end date.", e.problems().get("range"));
    assertEquals("Choose the rules to apply.", e.problems().get("rules"));

    assertEquals(
        "Give both a start and an end date.",
        refused(
                () ->
                    engine
                        .pastOrders()
                        .preview(
                            PastOrderRequest.builder()
                                .integrationId(integration)
                                .allPurchasedRules()
                                .build()))
            .problems()
            .get("range"));
    Instant future = Instant.now().plus(Duration.ofDays(2));
    assertTrue(
        refused(
                () ->
                    engine
                        .pastOrders()
                        .preview(
                            march()
                                .range(future, future.plus(Duration.ofDays(1)))
                                .allPurchasedRules()
                                .build()))
            .problems()
            .get("range")
            .contains("future"));
  }

  @Test
  void onlyEnabledProductPurchasedRulesOfTheIntegrationApply() {
    assertEquals(
        "There is no rule with id 12345.",
        refused(() -> engine.pastOrders().preview(march().oneRule(12345).build()))
            .problems()
            .get("rules"));
    RuleDefinition refund =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_REFUNDED)
                    .integrationId(integration)
                    .action(ActionType.REMOVE_TAG)
                    .addTag("past")
                    .build());
    assertTrue(
        refused(() -> engine.pastOrders().preview(march().oneRule(refund.id()).build()))
            .problems()
            .get("rules")
            .contains("only Product Purchased rules apply"));
    engine.rules().update(tagRule.toBuilder().enabled(false).build());
    assertEquals(
        "Rule " + tagRule.id() + " is disabled: enable it first.",
        refused(() -> engine.pastOrders().preview(march().oneRule(tagRule.id()).build()))
            .problems()
            .get("rules"));
    assertEquals(
        "This integration has no enabled Product Purchased rule.",
        refused(() -> engine.pastOrders().preview(march().allPurchasedRules().build()))
            .problems()
            .get("rules"));
    assertEquals(
        "Product 7 has no enabled Product Purchased rule in this integration.",
        refused(() -> engine.pastOrders().preview(march().productRules(7).build()))
            .problems()
            .get("rules"));
    long other = TestDatabases.insertIntegration(emf, OfflineEngine.KEY, "Other");
    RuleDefinition elsewhere = PurchaseRules.addTag(engine, other, "x");
    assertEquals(
        "Rule " + elsewhere.id() + " belongs to another integration.",
        refused(() -> engine.pastOrders().preview(march().oneRule(elsewhere.id()).build()))
            .problems()
            .get("rules"));
  }

  @Test
  void oneActiveRunPerIntegrationAndPauseResumeCancel() {
    PastOrderProgress run = engine.pastOrders().start(march().allPurchasedRules().build());
    assertEquals(PastOrderRunStatus.RUNNING, run.status());
    InvalidPastOrderRequest twice =
        refused(() -> engine.pastOrders().start(march().allPurchasedRules().build()));
    assertTrue(twice.problems().get("run").contains("already has a past-orders run running"));

    engine.start(); // feeds; Kit is unreachable, so the fed actions stay open
    // A window of 5 calls: the run keeps half of it (3) open, so a live checkout goes first.
    await("half a window fed", () -> engine.pastOrders().progress(run.runId()).fed() == 3);
    sleepTicks();
    assertEquals(3, engine.pastOrders().progress(run.runId()).fed(), "half a window at a time");

    assertEquals(PastOrderRunStatus.PAUSED, engine.pastOrders().pause(run.runId()).status());
    assertTrue(
        refused(() -> engine.pastOrders().pause(run.runId()))
            .problems()
            .get("run")
            .contains("only a running run can be paused"));
    assertEquals(PastOrderRunStatus.RUNNING, engine.pastOrders().resume(run.runId()).status());

    PastOrderProgress cancelled = engine.pastOrders().cancel(run.runId());
    assertEquals(PastOrderRunStatus.CANCELLED, cancelled.status());
    await(
        "open actions cancelled",
        () -> {
          java.util.Map<ActionStatus, Long> s =
              engine.pastOrders().progress(run.runId()).actionsByStatus();
          return !s.containsKey(ActionStatus.PENDING) && !s.containsKey(ActionStatus.RETRYING);
        });
    assertNull(engine.pastOrders().active(integration));
    // The integration is free for another run.
    assertEquals(
        PastOrderRunStatus.RUNNING,
        engine.pastOrders().start(march().allPurchasedRules().build()).status());
  }

  private static void sleepTicks() {
    try {
      Thread.sleep(400);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.RuleVerdict.Kind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logs' "Why?" ({@link LogExplainer}): for a customer's email, per event and per rule of its
 * trigger, why the event did or did not lead to each action, in the operator's words; and when the
 * log has no event of the email, why that may be. One case per verdict, on a real database, the
 * engine offline (outcomes Kit would give are written on the action rows as the worker writes
 * them). The clock is the test's, a day behind the wall clock, so "created after the event" is the
 * engine's own time.
 */
abstract class WhyNoTagTestBase {
  static final String ANN = "ann@example.com";

  EntityManagerFactory emf;
  SimulatedClock clock;
  IntegrationEngine engine;
  long main;

  abstract EntityManagerFactory database();

  @BeforeEach
  void setUp() {
    emf = database();
    clock = new SimulatedClock(Instant.now().minus(Duration.ofDays(1)));
    engine = OfflineEngine.builder(emf).clock(clock).useNodeClock().build();
    main = OfflineEngine.insertIntegration(emf);
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void aDisabledRuleDidNotApplyAndTheEnabledOneLedToItsAction() {
    RuleDefinition buyer = rule(ActionType.ADD_TAG, null, "buyer");
    RuleDefinition vip =
        engine.rules().create(draft(ActionType.ADD_TAG, null, "vip").enabled(false).build());
    publish(purchase("1001", 7, "Course"));

    EventExplanation e = only(engine.explainer().explain(ANN));
    assertEquals("1001", e.reference());
    assertEquals("Course (product 7)", e.products());
    RuleVerdict led = verdict(e, buyer.id());
    assertEquals(Kind.LED_TO_ACTION, led.kind());
    assertEquals(1, led.actionIds().size());
    assertTrue(
        led.verdict()
            .startsWith("led to action " + led.actionIds().get(0) + ": waiting to be sent"),
        led.verdict());
    assertTrue(
        led.rule().contains("Product Purchased, Main: Add Tag To Subscriber \"buyer\""),
        led.rule());
    RuleVerdict off = verdict(e, vip.id());
    assertEquals(Kind.DISABLED, off.kind());
    assertEquals("did not apply: the rule is disabled", off.verdict());
    assertTrue(off.rule().endsWith(", disabled"), off.rule());
  }

  @Test
  void aRuleForAnotherProductNamesTheProductsTheOrderHad() {
    RuleDefinition course = rule(ActionType.ADD_TAG, 7L, "course");
    publish(purchase("1002", 9, "Book", 11, "Pen"));

    EventExplanation e = only(engine.explainer().explain(ANN));
    RuleVerdict v = verdict(e, course.id());
    assertEquals(Kind.OUT_OF_SCOPE, v.kind());
    assertEquals(
        "did not apply: the rule is for product 7; the order had Book (product 9), Pen (product 11)",
        v.verdict());
    assertTrue(e.summary().contains("no enabled rule applied"), e.summary());
  }

  @Test
  void anActionHeldByAnIntegrationThatNeedsAttentionSaysSo() {
    RuleDefinition buyer = rule(ActionType.ADD_TAG, null, "buyer");
    publish(purchase("1003", 7, "Course"));
    TestDatabases.execute(
        emf,
        "update CK_INTEGRATION set STATUS = 'NEEDS_ATTENTION', STATUS_MESSAGE = "
            + "'Kit refused the API secret (401)' where ID = "
            + main);

    RuleVerdict v = verdict(only(engine.explainer().explain(ANN)), buyer.id());
    assertEquals(Kind.LED_TO_ACTION, v.kind());
    assertTrue(
        v.verdict()
            .contains(
                "waiting: the integration needs attention (Kit refused the API secret (401)); "
                    + "it is sent once the credential is replaced"),
        v.verdict());
  }

  @Test
  void aFailedActionGivesKitsOwnMessage() {
    RuleDefinition buyer = rule(ActionType.ADD_TAG, null, "buyer");
    publish(purchase("1004", 7, "Course"));
    TestDatabases.execute(
        emf,
        "update CK_ACTION set STATUS = 'FAILED', ATTEMPTS = 1, LAST_HTTP_STATUS = 404, "
            + "LAST_MESSAGE = 'NOT_FOUND: Tag <b>buyer</b> not found' where EVENT_ID is not null");

    RuleVerdict v = verdict(only(engine.explainer().explain(ANN)), buyer.id());
    assertTrue(
        v.verdict().endsWith(": FAILED: Kit said (HTTP 404) NOT_FOUND: Tag <b>buyer</b> not found"),
        v.verdict());
  }

  @Test
  void rulesOfOneIntegrationAndActionAreMergedIntoOneAction() {
    RuleDefinition buyer = rule(ActionType.ADD_TAG, null, "buyer");
    RuleDefinition course = rule(ActionType.ADD_TAG, 7L, "course-7");
    publish(purchase("1005", 7, "Course"));

    EventExplanation e = only(engine.explainer().explain(ANN));
    RuleVerdict a = verdict(e, buyer.id());
    RuleVerdict b = verdict(e, course.id());
    assertEquals(a.actionIds(), b.actionIds(), "one action for both");
    assertTrue(
        a.verdict()
            .startsWith(
                "led to action "
                    + a.actionIds().get(0)
                    + " (merged with rule "
                    + course.id()
                    + ": same integration, same action, one Kit call)"),
        a.verdict());
    assertTrue(b.verdict().contains("(merged with rule " + buyer.id() + ":"), b.verdict());
  }

  @Test
  void aDeletedIntegrationIsNamedOnItsEarlierEventsAndItsRulesNoLongerApply() {
    long second = TestDatabases.insertIntegration(emf, OfflineEngine.KEY, "Second");
    RuleDefinition onSecond =
        engine
            .rules()
            .create(draft(ActionType.ADD_TAG, null, "second").integrationId(second).build());
    publish(purchase("1006", 7, "Course"));
    engine.integrations().delete(second);
    clock.advance(Duration.ofMinutes(5));
    publish(purchase("1007", 7, "Course"));

    Explanation x = engine.explainer().explain(ANN);
    assertEquals(2, x.events().size());
    RuleVerdict later = verdict(x.events().get(0), onSecond.id());
    assertEquals("1007", x.events().get(0).reference(), "newest first");
    assertEquals(Kind.INTEGRATION_DELETED, later.kind());
    assertTrue(
        later.verdict().startsWith("did not apply: its integration was deleted"), later.verdict());
    assertFalse(later.integrationExists());
    assertTrue(later.rule().contains("integration " + second + " (deleted)"), later.rule());
    RuleVerdict earlier = verdict(x.events().get(1), onSecond.id());
    assertEquals(Kind.LED_TO_ACTION, earlier.kind());
    assertTrue(earlier.verdict().contains("CANCELLED: integration deleted"), earlier.verdict());
    assertTrue(
        earlier.verdict().endsWith("; its integration was deleted since"), earlier.verdict());
  }

  @Test
  void aRuleCreatedAfterTheEventSaysWhen() {
    publish(purchase("1008", 7, "Course"));
    clock.advance(Duration.ofHours(1));
    RuleDefinition late = rule(ActionType.ADD_TAG, null, "late");

    EventExplanation e = only(engine.explainer().explain(ANN));
    RuleVerdict v = verdict(e, late.id());
    assertEquals(Kind.CREATED_AFTER, v.kind());
    assertTrue(v.verdict().startsWith("did not apply: the rule was created at "), v.verdict());
    assertTrue(v.verdict().contains(", after the event (received at "), v.verdict());
    assertTrue(e.summary().contains("no enabled rule applied"), e.summary());
  }

  @Test
  void aRuleChangedAfterTheEventWouldApplyNow() {
    RuleDefinition r = rule(ActionType.ADD_TAG, 9L, "book");
    publish(purchase("1009", 7, "Course"));
    clock.advance(Duration.ofHours(1));
    engine.rules().update(r.toBuilder().productId(7L).build());

    RuleVerdict v = verdict(only(engine.explainer().explain(ANN)), r.id());
    assertEquals(Kind.CHANGED_AFTER, v.kind());
    assertTrue(v.verdict().endsWith("as it stands now it would"), v.verdict());
  }

  @Test
  void aDeletedRuleIsStillNamedByTheActionItPlanned() {
    RuleDefinition r = rule(ActionType.ADD_TAG, null, "buyer");
    publish(purchase("1010", 7, "Course"));
    engine.rules().delete(r.id());

    RuleVerdict v = verdict(only(engine.explainer().explain(ANN)), r.id());
    assertEquals(Kind.LED_TO_ACTION, v.kind());
    assertFalse(v.ruleExists());
    assertTrue(v.rule().endsWith("(the rule was deleted since)"), v.rule());
  }

  @Test
  void aTriggerWithoutAnyRuleSaysSo() {
    publish(purchase("1011", 7, "Course"));

    EventExplanation e = only(engine.explainer().explain(ANN));
    assertTrue(e.rules().isEmpty());
    assertTrue(e.summary().startsWith("No rule of Product Purchased exists"), e.summary());
  }

  @Test
  void anEmailWithoutEventsListsTheLikelyReasonsWithTheRetention() {
    rule(ActionType.ADD_TAG, null, "buyer");
    publish(purchase("1012", 7, "Course"));

    Explanation x = engine.explainer().explain("Nobody@Example.com");
    assertTrue(x.events().isEmpty());
    assertTrue(x.unstored().isEmpty());
    String reasons = String.join("\n", x.noEventReasons());
    assertTrue(reasons.contains("another email: search by its order number"), reasons);
    assertTrue(reasons.contains("may never have reached the plugin"), reasons);
    assertTrue(reasons.contains("The log keeps events 30 days"), reasons);
  }

  @Test
  void anEmailWhoseEventCouldNotBeStoredNamesItWithTheDatabasesReason() {
    rule(ActionType.ADD_TAG, null, "buyer");
    TestDatabases.execute(emf, refuseOrder("1013"));
    assertThrows(EventNotStoredException.class, () -> publish(purchase("1013", 7, "Course")));

    Explanation x = engine.explainer().explain(ANN.toUpperCase());
    assertTrue(x.events().isEmpty());
    assertEquals(1, x.unstored().size());
    String first = x.noEventReasons().get(0);
    assertTrue(first.startsWith("Product Purchased of order 1013 could not be stored: "), first);
    assertTrue(first.contains("refused for the test"), first);
    assertTrue(engine.explainer().explain("bob@example.com").unstored().isEmpty(), "Ann's only");
  }

  @Test
  void theLatestTwentyEventsAreExplainedNewestFirst() {
    rule(ActionType.ADD_TAG, null, "buyer");
    for (int n = 0; n < LogExplainer.MAX_EVENTS + 5; n++) {
      publish(purchase("2" + String.format("%03d", n), 7, "Course"));
      clock.advance(Duration.ofSeconds(1));
    }
    Explanation x = engine.explainer().explain(ANN);
    assertEquals(LogExplainer.MAX_EVENTS, x.events().size());
    assertTrue(x.hasMoreEvents());
    assertEquals("2024", x.events().get(0).reference());
    assertEquals("2005", x.events().get(LogExplainer.MAX_EVENTS - 1).reference());
  }

  @Test
  void aBlankEmailIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> engine.explainer().explain(" "));
  }

  /** A trigger that refuses one order's event, as a database refusing a row would. */
  abstract String refuseOrder(String reference);

  RuleDefinition rule(ActionType action, Long product, String tag) {
    return engine.rules().create(draft(action, product, tag).build());
  }

  RuleDefinition.Builder draft(ActionType action, Long product, String tag) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .integrationId(main)
            .action(action);
    if (tag != null) b.addTag(tag);
    return product == null ? b.global() : b.productId(product);
  }

  void publish(StoreEvent e) {
    engine.publisher().publish(e);
  }

  /** Ann's order with lines of (product id, name) pairs. */
  StoreEvent purchase(String order, Object... products) {
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .occurredAt(clock.instant())
            .email(ANN)
            .reference(order)
            .eventKey("order:" + order + ":purchased")
            .currency("USD");
    for (int i = 0; i < products.length; i += 2) {
      b.addLine(
          EventLine.builder()
              .productId(((Integer) products[i]).longValue())
              .name((String) products[i + 1])
              .quantity(1)
              .unitPrice(new BigDecimal("10.00"))
              .build());
    }
    return b.build();
  }

  static EventExplanation only(Explanation x) {
    assertEquals(1, x.events().size(), String.valueOf(x.events()));
    assertTrue(x.noEventReasons().isEmpty());
    return x.events().get(0);
  }

  static RuleVerdict verdict(EventExplanation e, long ruleId) {
    for (RuleVerdict v : e.rules()) if (Long.valueOf(ruleId).equals(v.ruleId())) return v;
    throw new AssertionError("no verdict for rule " + ruleId + " in " + e.rules());
  }
}

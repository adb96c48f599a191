package com.ckengine.engine.rules;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  private final List<RuleDefinition> rules = new ArrayList<>();
  private long nextId = 1;

  private RuleDefinition.Builder rule(
      Trigger t, long integration, ActionType a, Long product, String... tags) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .id(nextId++)
            .trigger(t)
            .integrationId(integration)
            .action(a)
            .productId(product);
    for (String tag : tags) b.addTag(tag);
    return b;
  }

  private void add(RuleDefinition.Builder b) {
    rules.add(b.build());
  }

  private static StoreEvent event(Trigger t, long... products) {
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(t)
            .occurredAt(Instant.now())
            .email("c@example.com")
            .reference("R1")
            .eventKey("k")
            .currency("USD");
    for (long p : products) {
      b.addLine(EventLine.builder().productId(p).name("P" + p).unitPrice(BigDecimal.TEN).build());
    }
    return b.build();
  }

  private List<PlannedAction> plan(StoreEvent e) {
    return RuleEvaluator.plan(RuleIndex.of(rules, 1), e);
  }

  private static List<String> tagNames(PlannedAction a) {
    List<String> n = new ArrayList<>();
    for (RuleTag t : a.tags()) n.add(t.name());
    return n;
  }

  @Test
  void productRulesOfEveryLinePlusGlobalRulesForTheTrigger() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 10L, "ten"));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 20L, "twenty"));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 30L, "thirty"));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, null, "buyer"));
    add(rule(Trigger.PRODUCT_REFUNDED, 1, ActionType.ADD_TAG, 10L, "refunded"));
    add(rule(Trigger.PRODUCT_REFUNDED, 1, ActionType.ADD_TAG, null, "refunder"));

    List<PlannedAction> p = plan(event(Trigger.PRODUCT_PURCHASED, 10, 20));
    assertEquals(1, p.size(), p.toString());
    PlannedAction a = p.get(0);
    assertEquals(ActionType.ADD_TAG, a.type());
    assertEquals(Arrays.asList("buyer", "ten", "twenty"), tagNames(a));
    assertEquals(Arrays.asList(1L, 2L, 4L), a.ruleIds());
    assertEquals("product 10, product 20, global", a.scope());
    assertFalse(a.isSkipped());

    List<PlannedAction> r = plan(event(Trigger.PRODUCT_REFUNDED, 30));
    assertEquals(Arrays.asList("refunder"), tagNames(r.get(0)));
    assertEquals("global", r.get(0).scope());
  }

  @Test
  void noMatchGivesAnEmptyPlan() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 10L, "ten"));
    assertTrue(plan(event(Trigger.PRODUCT_PURCHASED, 11)).isEmpty());
    assertTrue(plan(event(Trigger.PROSPECT_CREATED, 10)).isEmpty());
  }

  @Test
  void disabledRulesAreIgnored() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, null, "a").enabled(false));
    assertTrue(plan(event(Trigger.PRODUCT_PURCHASED, 1)).isEmpty());
    assertEquals(0, RuleIndex.of(rules, 1).size());
  }

  @Test
  void sameTagOncePerEventCaseInsensitivePreferringTheKitId() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 10L, "VIP"));
    add(
        rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, null)
            .addTag(RuleTag.of("vip", 77L)));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 10L, "vip", "other"));
    // The same product on two lines must not double its rules either.
    List<PlannedAction> p = plan(event(Trigger.PRODUCT_PURCHASED, 10, 10));
    assertEquals(1, p.size());
    assertEquals(2, p.get(0).tags().size(), p.toString());
    assertEquals(Long.valueOf(77), p.get(0).tags().get(0).kitTagId());
    assertEquals(Arrays.asList(1L, 2L, 3L), p.get(0).ruleIds());
  }

  @Test
  void coalescesPerIntegrationAndKeepsIntegrationsApart() {
    add(rule(Trigger.SUBSCRIPTION_CANCELED, 2, ActionType.REMOVE_TAG, null, "member"));
    add(rule(Trigger.SUBSCRIPTION_CANCELED, 1, ActionType.ADD_TAG, null, "churned"));
    add(rule(Trigger.SUBSCRIPTION_CANCELED, 1, ActionType.ADD_TAG, null, "winback"));
    add(rule(Trigger.SUBSCRIPTION_CANCELED, 1, ActionType.REMOVE_TAG, null, "member", "active"));
    List<PlannedAction> p = plan(event(Trigger.SUBSCRIPTION_CANCELED));
    assertEquals(3, p.size(), p.toString());
    assertEquals(1, p.get(0).integrationId());
    assertEquals(ActionType.ADD_TAG, p.get(0).type());
    assertEquals(Arrays.asList("churned", "winback"), tagNames(p.get(0)));
    assertEquals(ActionType.REMOVE_TAG, p.get(1).type());
    assertEquals(Arrays.asList("member", "active"), tagNames(p.get(1)));
    assertEquals(2, p.get(2).integrationId());
  }

  @Test
  void purchaseOncePerIntegrationHoweverManyRulesAsk() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_PURCHASE, 10L));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_PURCHASE, 20L));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_PURCHASE, null));
    add(rule(Trigger.PRODUCT_PURCHASED, 2, ActionType.ADD_PURCHASE, null));
    List<PlannedAction> p = plan(event(Trigger.PRODUCT_PURCHASED, 10, 20));
    assertEquals(2, p.size());
    assertEquals(ActionType.ADD_PURCHASE, p.get(0).type());
    assertEquals(Arrays.asList(1L, 2L, 3L), p.get(0).ruleIds());
    assertTrue(p.get(0).tags().isEmpty());
    assertEquals(2, p.get(1).integrationId());
  }

  @Test
  void purchaseWithoutLinesIsPlannedAsSkipped() {
    add(rule(Trigger.SUBSCRIPTION_CHARGED, 1, ActionType.ADD_PURCHASE, null));
    List<PlannedAction> p = plan(event(Trigger.SUBSCRIPTION_CHARGED));
    assertEquals(1, p.size());
    assertEquals(RuleEvaluator.NO_LINES, p.get(0).skipReason());
  }

  @Test
  void addWinsOverRemoveOfTheSameTagAndTheConflictIsKept() {
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.ADD_TAG, 10L, "customer"));
    add(rule(Trigger.PRODUCT_PURCHASED, 1, ActionType.REMOVE_TAG, null, "Customer", "prospect"));
    List<PlannedAction> p = plan(event(Trigger.PRODUCT_PURCHASED, 10));
    assertEquals(3, p.size(), p.toString());
    assertEquals(Arrays.asList("customer"), tagNames(p.get(0)));
    assertEquals(ActionType.REMOVE_TAG, p.get(1).type());
    assertEquals(Arrays.asList("prospect"), tagNames(p.get(1)));
    assertFalse(p.get(1).isSkipped());
    assertEquals(Arrays.asList("Customer"), tagNames(p.get(2)));
    assertEquals(RuleEvaluator.CONFLICT, p.get(2).skipReason());
  }
}

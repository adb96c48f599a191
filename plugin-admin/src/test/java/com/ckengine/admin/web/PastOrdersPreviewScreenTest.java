package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestStoreOrders;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.PastOrdersForm;
import com.ckengine.admin.screens.PastPreviewView;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.LogQuery;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * Past Orders' Preview counts orders, customers, actions per kind and what is left out, and sends
 * and stores nothing; every post a browser can make that cannot be read, or that the engine
 * refuses, comes back with a message beside its field and starts nothing.
 */
class PastOrdersPreviewScreenTest {
  TestEngine t;
  PastOrdersController page;
  long main;
  RuleDefinition tagRule;

  /** Kit calls made by connecting the integration; nothing else may call Kit here. */
  long callsBefore;

  @BeforeEach
  void setUp() {
    TestStoreOrders store =
        new TestStoreOrders()
            .add("1001", "ann@example.com", Instant.parse("2024-03-02T10:00:00Z"))
            .add("1002", "bob@example.com", Instant.parse("2024-03-05T10:00:00Z"))
            .add("1003", "ann@example.com", Instant.parse("2024-03-09T10:00:00Z"))
            .add("1004", "cy@example.com", Instant.parse("2024-03-10T10:00:00Z"), true, false)
            .add("1005", "dee@example.com", Instant.parse("2024-03-11T10:00:00Z"), false, true)
            .add("1006", "eve@example.com", Instant.parse("2024-04-20T10:00:00Z"));
    t = new TestEngine(store);
    main = t.connectMain().id();
    tagRule = rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG, "buyer");
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_PURCHASE, null);
    page = Controllers.pastOrders(t.engine, () -> Access.WRITE);
    callsBefore = t.sandbox.requestCount();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void previewCountsOrdersCustomersActionsAndWhatIsLeftOutAndSendsNothing() {
    ExtendedModelMap model = new ExtendedModelMap();
    page.preview(form(f -> {}), model);

    assertTrue(((FieldErrors) model.get("errors")).isEmpty(), String.valueOf(model.get("errors")));
    PastPreviewView p = (PastPreviewView) model.get("preview");
    assertNotNull(p);
    assertEquals(3, p.getOrders(), "March's orders without the refunded and the test one");
    assertEquals(2, p.getCustomers(), "ann and bob");
    assertEquals(1, p.getRefundedLeftOut());
    assertEquals(1, p.getTestLeftOut());
    assertEquals(2, p.getKinds().size());
    assertEquals("Add Tag To Subscriber", p.getKinds().get(0).getAction());
    assertEquals(3, p.getKinds().get(0).getOrders());
    assertEquals("Add Purchase To ConvertKit", p.getKinds().get(1).getAction());
    assertEquals(6, p.getActions());
    assertEquals(2, p.getRules().size());

    assertEquals(0, t.engine.log().search(LogQuery.builder().build()).entries().size());
    assertEquals(callsBefore, t.sandbox.requestCount(), "nothing sent");
    assertTrue(t.engine.pastOrders().runs(main, 10).isEmpty(), "no run stored");
  }

  @Test
  void keepingRefundedAndTestOrdersAndOneRuleChangesTheCounts() {
    ExtendedModelMap model = new ExtendedModelMap();
    page.preview(
        form(
            f -> {
              f.setExcludeRefunded(false);
              f.setExcludeTest(false);
              f.setRules("ONE_RULE");
              f.setRuleId("" + tagRule.id());
            }),
        model);
    PastPreviewView p = (PastPreviewView) model.get("preview");
    assertEquals(5, p.getOrders());
    assertEquals(0, p.getRefundedLeftOut());
    assertEquals(1, p.getKinds().size(), "the one rule's kind only");
    assertEquals(5, p.getActions());
  }

  @Test
  void unreadableDatesAreRefusedBesideTheirFields() {
    FieldErrors e =
        errorsOf(
            f -> {
              f.setFrom("2024-02-30");
              f.setTo("yesterday");
            });
    assertTrue(e.get("from").contains("YYYY-MM-DD"), e.toString());
    assertTrue(e.get("to").contains("YYYY-MM-DD"), e.toString());

    e = errorsOf(f -> f.setFrom(""));
    assertTrue(e.get("from").contains("Give a date"), e.toString());

    e = errorsOf(f -> f.setTo("2024-02-01"));
    assertEquals("The end date is before the start date", e.get("to"));

    e =
        errorsOf(
            f -> {
              f.setFrom("2999-01-01");
              f.setTo("2999-01-31");
            });
    assertTrue(e.get("range").contains("future"), e.toString());
  }

  @Test
  void noRuleAndRulesThatDoNotApplyAreRefusedBesideTheRules() {
    assertTrue(errorsOf(f -> f.setRules(null)).get("rules").contains("Choose which rules"));
    assertTrue(errorsOf(f -> f.setRules("SOME_RULES")).get("rules").contains("Choose which rules"));
    assertTrue(errorsOf(f -> f.setRules("ONE_RULE")).get("rules").contains("Choose the rule"));
    assertTrue(
        errorsOf(
                f -> {
                  f.setRules("ONE_RULE");
                  f.setRuleId("999");
                })
            .get("rules")
            .contains("no rule with id 999"));
    RuleDefinition refunded = rule(Trigger.PRODUCT_REFUNDED, ActionType.REMOVE_TAG, "buyer");
    assertTrue(
        errorsOf(
                f -> {
                  f.setRules("ONE_RULE");
                  f.setRuleId("" + refunded.id());
                })
            .get("rules")
            .contains("only Product Purchased rules"));
    assertTrue(
        errorsOf(
                f -> {
                  f.setRules("PRODUCT_RULES");
                  f.setProductId("abc");
                })
            .get("rules")
            .contains("product's id"));
    assertTrue(
        errorsOf(
                f -> {
                  f.setRules("PRODUCT_RULES");
                  f.setProductId("55");
                })
            .get("rules")
            .contains("Product 55 has no enabled"));
  }

  @Test
  void anUnknownIntegrationIsRefusedBesideItsField() {
    assertTrue(
        errorsOf(f -> f.setIntegrationId("x1"))
            .get("integrationId")
            .contains("Choose an integration"));
    assertTrue(
        errorsOf(f -> f.setIntegrationId("999"))
            .get("integrationId")
            .contains("no integration with id 999"));
  }

  @Test
  void aRefusedApplyStartsNothing() {
    ExtendedModelMap model = new ExtendedModelMap();
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String view = page.start(form(f -> f.setTo("not a date")), model, flash);
    assertEquals(AdminScreen.CONTAINER, view, "the form again, not a redirect");
    assertTrue(((FieldErrors) model.get("errors")).has("to"));
    assertNull(model.get("preview"));
    assertTrue(t.engine.pastOrders().runs(main, 10).isEmpty());
  }

  private FieldErrors errorsOf(Consumer<PastOrdersForm> change) {
    ExtendedModelMap model = new ExtendedModelMap();
    page.preview(form(change), model);
    FieldErrors errors = (FieldErrors) model.get("errors");
    assertNull(model.get("preview"), "no preview with errors: " + errors);
    assertEquals(callsBefore, t.sandbox.requestCount(), "nothing sent");
    return errors;
  }

  /** March 2024, the integration, all Product Purchased rules, both exclusions; then changed. */
  PastOrdersForm form(Consumer<PastOrdersForm> change) {
    PastOrdersForm f = PastOrdersForm.fresh();
    f.setIntegrationId("" + main);
    f.setFrom("2024-03-01");
    f.setTo("2024-03-31");
    change.accept(f);
    return f;
  }

  private RuleDefinition rule(Trigger trigger, ActionType action, String tag) {
    RuleDefinition.Builder b =
        RuleDefinition.builder().trigger(trigger).integrationId(main).action(action).enabled(true);
    if (tag != null) b.addTag(tag);
    return t.engine.rules().create(b.build());
  }
}

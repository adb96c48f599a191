package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.LogSearchForm;
import com.ckengine.admin.screens.WhyEvent;
import com.ckengine.admin.screens.WhyNoTag;
import com.ckengine.admin.screens.WhyRule;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Logs' "Why?" section: a search with an email brings the explanation of its latest events, a line
 * per rule with links to the rule and the integration where they still exist; read-only users see
 * it too; a search without an email has none. The customer's and Kit's text reach the page as they
 * are (the page escapes them: {@code AdminWhyNoTagTest} in demo-site, over HTTP).
 */
class WhyNoTagScreenTest {
  TestEngine t;
  Access access = Access.WRITE;
  LogsController logs;
  long main;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    logs = Controllers.logs(t.engine, () -> access);
    main = t.connectMain().id();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void anEmailSearchExplainsEachRuleWithLinksToWhereItIsFixed() {
    RuleDefinition buyer = rule("buyer", true);
    RuleDefinition vip = rule("vip", false);
    t.engine.publisher().publish(TestEvents.purchase("Ann@Example.com", "1001"));
    t.sql(
        "update CK_ACTION set STATUS = 'FAILED', LAST_HTTP_STATUS = 422, "
            + "LAST_MESSAGE = '<b>Tag</b> is invalid' where INTEGRATION_ID = "
            + main);

    WhyNoTag why = search("ann@example.com");
    assertEquals(1, why.getEvents().size());
    WhyEvent e = why.getEvents().get(0);
    assertEquals("Product Purchased", e.getTrigger());
    assertEquals("order 1001", e.getReference());
    assertEquals("Course (product 101)", e.getProducts());
    WhyRule failed = line(e, buyer.id());
    assertTrue(failed.isApplied());
    assertTrue(
        failed.getVerdict().endsWith("FAILED: Kit said (HTTP 422) <b>Tag</b> is invalid"),
        failed.getVerdict());
    assertTrue(failed.isRuleLink());
    assertTrue(failed.isIntegrationLink());
    assertEquals(main, failed.getIntegrationId().longValue());
    WhyRule disabled = line(e, vip.id());
    assertEquals("DISABLED", disabled.getKind());
    assertEquals("did not apply: the rule is disabled", disabled.getVerdict());
    assertNull(disabled.getActionId());
  }

  @Test
  void aReaderSeesTheExplanationToo() {
    rule("buyer", true);
    t.engine.publisher().publish(TestEvents.purchase("ann@example.com", "1002"));
    access = Access.READ;
    assertEquals(1, search("ann@example.com").getEvents().size());
  }

  @Test
  void anEmailWithoutEventsGetsTheLikelyReasons() {
    WhyNoTag why = search("nobody@example.com");
    assertTrue(why.getEvents().isEmpty());
    assertTrue(why.getNoEventReasons().size() >= 3, String.valueOf(why.getNoEventReasons()));
    assertFalse(why.isMoreEvents());
  }

  @Test
  void aSearchWithoutAnEmailHasNoWhy() {
    assertNull(search(null));
    assertNull(search("  "));
  }

  private RuleDefinition rule(String tag, boolean enabled) {
    return t.engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(main)
                .action(ActionType.ADD_TAG)
                .addTag(tag)
                .enabled(enabled)
                .build());
  }

  private WhyNoTag search(String email) {
    LogSearchForm form = new LogSearchForm();
    form.setEmail(email);
    ExtendedModelMap model = new ExtendedModelMap();
    logs.search(form, new BeanPropertyBindingResult(form, "search"), model);
    return (WhyNoTag) model.get("why");
  }

  private static WhyRule line(WhyEvent e, long ruleId) {
    for (WhyRule r : e.getRules()) if (r.getRuleId() == ruleId) return r;
    throw new AssertionError("no line for rule " + ruleId);
  }
}

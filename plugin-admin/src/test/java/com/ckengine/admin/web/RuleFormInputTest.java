package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.screens.FieldErrors;
import com.ckengine.admin.screens.RuleForm;
import com.ckengine.admin.screens.RuleStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.MutablePropertyValues;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * The rule form posted by hand, bound the way Spring MVC binds it (with the controllers' binder
 * set-up): a product the store does not have, a product or rule id that is not a number, an indexed
 * field name far past any list. Each is a message and saves nothing, never an exception.
 */
class RuleFormInputTest {
  /** The store of these tests has products 101 and 102 only. */
  static final long KNOWN = 101L;

  TestEngine t;
  RulesController rules;
  long integration;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    rules = Controllers.rules(t.engine, () -> Access.WRITE);
    rules.setProducts(productId -> productId == 101L || productId == 102L);
    integration = t.engine.integrations().connect("Main", t.secret).id();
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  /** A complete Save of a tag rule, as the last step posts it. */
  private Map<String, String> save(String productId) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("step", "3");
    f.put("trigger", "PRODUCT_PURCHASED");
    f.put("integrationId", String.valueOf(integration));
    f.put("action", "ADD_TAG");
    f.put("newTags", "buyer");
    if (productId != null) f.put("productId", productId);
    return f;
  }

  private String post(
      Map<String, String> fields, ExtendedModelMap model, RedirectAttributesModelMap flash) {
    RuleForm form = new RuleForm();
    WebDataBinder binder = new WebDataBinder(form, "ruleForm");
    rules.guardBinding(binder);
    binder.bind(new MutablePropertyValues(fields));
    BindingResult binding = binder.getBindingResult();
    return rules.step(form, binding, "SAVE", model, flash);
  }

  @Test
  void aRuleForAProductThatDoesNotExistIsRefusedWithTheReason() {
    ExtendedModelMap model = new ExtendedModelMap();
    String view = post(save("99999"), model, new RedirectAttributesModelMap());
    assertEquals(AdminScreen.CONTAINER, view, "the form again, not saved");
    FieldErrors errors = ((RuleStep) model.get("ruleStep")).getErrors();
    assertTrue(
        errors.get(FieldErrors.GLOBAL).startsWith("There is no product 99999"), errors.toString());
    assertTrue(t.engine.rules().list().isEmpty(), "nothing saved");

    // New Rule opened for it says so at once.
    ExtendedModelMap opened = new ExtendedModelMap();
    rules.newRule("99999", opened, new RedirectAttributesModelMap());
    assertTrue(((RuleStep) opened.get("ruleStep")).getErrors().has(FieldErrors.GLOBAL));

    // The same form for a product the store has is saved (so the refusal above can fail).
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    assertEquals(
        "redirect:/product/" + KNOWN,
        post(save(String.valueOf(KNOWN)), new ExtendedModelMap(), flash));
    assertEquals(1, t.engine.rules().list().size());
  }

  @Test
  void aProductOrRuleIdThatIsNotANumberIsNeitherAGlobalRuleNorANewOne() {
    for (String bad : new String[] {"abc", "99999999999999999999", "1e3"}) {
      RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
      assertEquals(RulesController.LIST, post(save(bad), new ExtendedModelMap(), flash), bad);
      assertEquals(RulesController.UNREADABLE_ID, flash.getFlashAttributes().get("ckError"));

      Map<String, String> edit = save(String.valueOf(KNOWN));
      edit.put("ruleId", bad);
      flash = new RedirectAttributesModelMap();
      assertEquals(RulesController.LIST, post(edit, new ExtendedModelMap(), flash), bad);
      assertEquals(RulesController.UNREADABLE_ID, flash.getFlashAttributes().get("ckError"));

      RedirectAttributesModelMap opened = new RedirectAttributesModelMap();
      assertEquals(RulesController.LIST, rules.newRule(bad, new ExtendedModelMap(), opened));
      assertEquals(RulesController.UNREADABLE_ID, opened.getFlashAttributes().get("ckError"));
    }
    assertTrue(t.engine.rules().list().isEmpty(), "no global rule, no new rule");
  }

  @Test
  void anIndexFarPastAnyListIsLeftAlone() {
    Map<String, String> f = save(String.valueOf(KNOWN));
    f.put("tagIds[100000]", "5");
    f.put("newTags[0]", "x");
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    String view = post(f, new ExtendedModelMap(), flash);
    assertEquals("redirect:/product/" + KNOWN, view, "saved with the fields it understood");
    assertFalse(t.engine.rules().list().get(0).tags().isEmpty());
  }
}

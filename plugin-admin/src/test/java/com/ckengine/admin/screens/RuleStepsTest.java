package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleStepsTest extends RuleStepsTestBase {
  @Test
  void theStepsOfAProductRule() {
    RuleStep s = steps.start(101L);
    assertEquals(1, s.getStep());
    assertEquals(13, s.getTriggers().size(), "the seed's ten triggers and SamCart's three newer");

    RuleForm f = s.getForm();
    RuleStep missing = steps.post(f, Move.NEXT);
    assertEquals(1, missing.getStep());
    assertTrue(missing.getErrors().has("trigger"));

    f.setTrigger("PRODUCT_PURCHASED");
    s = steps.post(f, Move.NEXT);
    assertEquals(2, s.getStep());
    assertEquals(5, s.getActions().size(), "Product Purchased allows all five actions");
    assertEquals("Main (Demo Store)", s.getIntegrations().get(0).getLabel());

    f.setIntegrationId(main.id());
    f.setAction("ADD_TAG");
    s = steps.post(f, Move.NEXT);
    assertEquals(3, s.getStep());
    assertEquals(Arrays.asList("buyer", "vip"), labels(s.getTags()), "the account's tags");

    RuleStep none = steps.post(f, Move.SAVE);
    assertFalse(none.isSaved());
    assertTrue(none.getErrors().has("tags"), "a tag is needed");

    long vip = t.sandbox.tagId(t.secret, "vip");
    f.setTagIds(new ArrayList<>(Arrays.asList(vip)));
    f.setNewTags(" Hand Typed , VIP ,, ");
    s = steps.post(f, Move.SAVE);
    assertTrue(s.isSaved(), s.getErrors().toString());
    RuleDefinition r = s.saved();
    assertEquals(101L, r.productId());
    assertEquals(Trigger.PRODUCT_PURCHASED, r.trigger());
    assertEquals(
        Arrays.asList(RuleTag.of("vip", vip), RuleTag.named("Hand Typed")),
        r.tags(),
        "a picked tag keeps Kit's id, a typed one is created in Kit when first used, "
            + "a typed duplicate of a picked tag counts once");
    assertEquals(1, t.engine.rules().listForProduct(101L).size());
  }

  @Test
  void addPurchaseIsOfferedOnlyWhereMoneyWasTaken() {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_REFUNDED");
    RuleStep s = steps.post(f, Move.NEXT);
    assertEquals(
        Arrays.asList(
            "Add Tag To Subscriber",
            "Remove Tag From Subscriber",
            "Add Subscriber To Form",
            "Add Subscriber To Sequence"),
        labels(s.getActions()));

    f.setIntegrationId(main.id());
    f.setAction("ADD_PURCHASE");
    s = steps.post(f, Move.NEXT);
    assertEquals(2, s.getStep(), "a forged choice is refused at its step");
    assertTrue(s.getErrors().get("action").contains("no money was taken"));

    f.setTrigger("SUBSCRIPTION_CHARGED");
    s = steps.post(f, Move.NEXT);
    assertEquals(3, s.getStep());
    assertFalse(s.isUsesTags());
    s = steps.post(f, Move.SAVE);
    assertTrue(s.isSaved(), s.getErrors().toString());
    assertTrue(s.saved().isGlobal());
    assertTrue(s.saved().tags().isEmpty());
  }

  @Test
  void aStaleFormLandsOnTheFirstWrongStep() {
    RuleForm f = steps.start(null).getForm();
    f.setStep(3);
    f.setTrigger("NO_SUCH_TRIGGER");
    RuleStep s = steps.post(f, Move.SAVE);
    assertEquals(1, s.getStep());
    assertTrue(s.getErrors().has("trigger"));

    f.setTrigger("PRODUCT_PURCHASED");
    f.setStep(3);
    f.setIntegrationId(424242L);
    f.setAction("ADD_TAG");
    s = steps.post(f, Move.SAVE);
    assertEquals(2, s.getStep());
    assertTrue(s.getErrors().has("integrationId"));

    f.setIntegrationId(main.id());
    f.setStep(3);
    f.setTagIds(new ArrayList<>(Arrays.asList(999999L)));
    s = steps.post(f, Move.SAVE);
    assertEquals(3, s.getStep());
    assertTrue(s.getErrors().get("tags").contains("no longer"), s.getErrors().toString());

    f.setStep(3);
    s = steps.post(f, Move.BACK);
    assertEquals(2, s.getStep(), "Back goes one step back without judging");
    assertTrue(s.getErrors().isEmpty());
  }

  @Test
  void refreshKeepsThePicksAndEditFillsTheForm() {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    f.setIntegrationId(main.id());
    f.setAction("ADD_TAG");
    f.setStep(3);
    long buyer = t.sandbox.tagId(t.secret, "buyer");
    f.setTagIds(new ArrayList<>(Arrays.asList(buyer)));
    t.sandbox.createTag(t.secret, "fresh");
    RuleStep s = steps.post(f, Move.REFRESH_TAGS);
    assertEquals(3, s.getStep());
    assertTrue(s.getNotice().contains("3 tags"), s.getNotice());
    assertEquals(Arrays.asList("buyer", "fresh", "vip"), labels(s.getTags()));
    assertTrue(s.getTags().get(0).isSelected(), "the pick survives the refresh");

    f.setNewTags("typed");
    RuleDefinition saved = steps.post(f, Move.SAVE).saved();
    RuleStep edit = steps.edit(saved.id());
    assertTrue(edit.isEditing());
    assertEquals("PRODUCT_PURCHASED", edit.getForm().getTrigger());
    assertEquals(Arrays.asList(buyer), edit.getForm().getTagIds());
    assertEquals("typed", edit.getForm().getNewTags());

    RuleForm ef = edit.getForm();
    ef.setStep(3);
    ef.setTagIds(new ArrayList<>());
    ef.setNewTags("only-this");
    RuleDefinition changed = steps.post(ef, Move.SAVE).saved();
    assertEquals(saved.id(), changed.id());
    assertEquals(Arrays.asList(RuleTag.named("only-this")), changed.tags());
    assertEquals(1, t.engine.rules().list().size());
    assertNull(changed.productId());
    assertEquals(ActionType.ADD_TAG, changed.action());
  }

  @Test
  void theIntegrationChoiceIsSortedByLabelIgnoringCase() {
    // Connected out of order, and in mixed case: the store lists labels in the database's
    // (case-sensitive) order, which puts "Main" before "beta"; the operator reads A to Z.
    IntegrationSetup setup = new IntegrationSetup(t.engine);
    for (String label : Arrays.asList("zeta", "beta", "Alpha")) {
      IntegrationForm f = new IntegrationForm();
      f.setLabel(label);
      f.setApiSecret(t.sandbox.createAccount(label + " account", label + "@example.com"));
      assertTrue(setup.connect(f).isOk(), label);
    }
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    RuleStep s = steps.post(f, Move.NEXT);
    assertEquals(2, s.getStep());
    assertEquals(
        Arrays.asList(
            "Alpha (Alpha account)",
            "beta (beta account)",
            "Main (Demo Store)",
            "zeta (zeta account)"),
        labels(s.getIntegrations()));
  }

  private static List<String> labels(List<RuleStep.Option> options) {
    List<String> out = new ArrayList<>();
    for (RuleStep.Option o : options) out.add(o.getLabel());
    return out;
  }
}

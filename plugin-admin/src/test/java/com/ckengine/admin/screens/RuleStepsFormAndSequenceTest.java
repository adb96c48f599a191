package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Add Subscriber To Form and Add Subscriber To Sequence in the New Rule wizard: step 3 lists the
 * account's forms (or sequences) by name, refreshable; the rule is saved with the Kit id and the
 * name picked; a save with none picked, or with one the account's list no longer has, is refused
 * beside the picker; the rule list names the form; Edit shows the one picked.
 */
class RuleStepsFormAndSequenceTest extends RuleStepsTestBase {

  @Test
  void theFormIsPickedByNameAndSavedWithItsKitId() {
    long form = t.sandbox.createForm(t.secret, "Newsletter sign-up");
    t.sandbox.createForm(t.secret, "Giveaway");
    RuleForm f = atTargetStep("ADD_TO_FORM");
    RuleStep step3 = steps.post(f, Move.REFRESH_TAGS);
    assertEquals(3, step3.getStep());
    assertTrue(step3.isUsesTarget());
    assertFalse(step3.isUsesTags());
    assertEquals("form", step3.getTargetWord());
    assertEquals(List.of("Giveaway", "Newsletter sign-up"), labels(step3.getTargets()));

    f.setTargetId(form);
    RuleStep saved = steps.post(f, Move.SAVE);

    assertTrue(saved.isSaved(), String.valueOf(saved.getErrors()));
    RuleDefinition rule = saved.saved();
    assertEquals(ActionType.ADD_TO_FORM, rule.action());
    assertEquals(RuleTarget.of(form, "Newsletter sign-up"), rule.target());
    assertTrue(rule.tags().isEmpty());
    RuleRow row = new RuleRow(rule, java.util.Map.of(main.id(), main));
    assertEquals("Form: Newsletter sign-up", row.getTags());

    RuleStep edit = steps.edit(rule.id());
    assertEquals(Long.valueOf(form), edit.getForm().getTargetId());
  }

  @Test
  void aSaveWithNoSequenceChosenIsRefusedWithAClearMessage() {
    t.sandbox.createSequence(t.secret, "Welcome series");
    RuleForm f = atTargetStep("ADD_TO_SEQUENCE");
    f.setTargetId(null);

    RuleStep refused = steps.post(f, Move.SAVE);

    assertFalse(refused.isSaved());
    assertEquals(3, refused.getStep());
    assertEquals(
        "Choose the sequence to subscribe the customer to (Add Subscriber To Sequence needs one)",
        refused.getErrors().get("targetId"));
    assertTrue(t.engine.rules().list().isEmpty(), "nothing saved");
  }

  @Test
  void aFormTheAccountNoLongerListsIsRefused() {
    RuleForm f = atTargetStep("ADD_TO_FORM");
    f.setTargetId(424242L);

    RuleStep refused = steps.post(f, Move.SAVE);

    assertFalse(refused.isSaved());
    assertEquals(
        "The chosen form is no longer in the Kit account's list; refresh and pick again",
        refused.getErrors().get("targetId"));
  }

  @Test
  void theFormsKnownAtConnectAreOfferedWithoutARefresh() {
    t.close();
    t = new com.ckengine.admin.TestEngine();
    steps = new RuleSteps(t.engine, productId -> true);
    t.sandbox.createForm(t.secret, "Newsletter sign-up");
    main = t.connectMain();

    RuleForm f = atTargetStep("ADD_TO_FORM");
    RuleStep step3 = steps.post(f, Move.NEXT);

    assertEquals(List.of("Newsletter sign-up"), labels(step3.getTargets()));
    assertNull(step3.getErrors().get("targetId"));
  }

  private RuleForm atTargetStep(String action) {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    steps.post(f, Move.NEXT);
    f.setIntegrationId(main.id());
    f.setAction(action);
    assertEquals(3, steps.post(f, Move.NEXT).getStep());
    return f;
  }

  private static List<String> labels(List<RuleStep.Option> options) {
    List<String> out = new ArrayList<String>();
    for (RuleStep.Option o : options) out.add(o.getLabel());
    return out;
  }
}

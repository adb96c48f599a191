package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.admin.screens.RuleSteps.Move;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wizard's actions come from the registry of action kinds, in its order, only where the trigger
 * allows them, with the kind's own reason when a tampered form asks for one it does not allow.
 */
class RuleStepsActionRegistryTest extends RuleStepsTestBase {
  @Test
  void theActionsAreTheRegistrysKindsTheTriggerAllows() {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PROSPECT_CREATED");
    RuleStep s = steps.post(f, Move.NEXT);
    assertEquals(List.of("ADD_TAG", "REMOVE_TAG", "ADD_TO_FORM", "ADD_TO_SEQUENCE"), values(s));

    f.setIntegrationId(main.id());
    f.setAction("ADD_PURCHASE");
    RuleStep refused = steps.post(f, Move.NEXT);
    assertEquals(2, refused.getStep());
    assertEquals(
        "Add Purchase To ConvertKit is not offered for Prospect Created: no money was taken, so "
            + "there is no purchase to record",
        refused.getErrors().get("action"));
  }

  @Test
  void everyKindTheTriggerAllowsIsOfferedInTheRegistrysOrder() {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    RuleStep s = steps.post(f, Move.NEXT);
    assertEquals(
        List.of("ADD_TAG", "REMOVE_TAG", "ADD_PURCHASE", "ADD_TO_FORM", "ADD_TO_SEQUENCE"),
        values(s));
  }

  private static List<String> values(RuleStep s) {
    List<String> out = new ArrayList<String>();
    for (RuleStep.Option o : s.getActions()) out.add(o.getValue());
    return out;
  }
}

package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ckengine.admin.screens.RuleSteps.Move;
import org.junit.jupiter.api.Test;

/**
 * The form or sequence step says what Kit starts for the kind picked: a form its incentive email
 * and automations, a sequence its emails (the page once said "the form starts (its incentive email,
 * the sequence's emails)" for both, seen in NewTriggersAndActionsBrowserTest's screenshot).
 */
class RuleStepsTargetHelpTest extends RuleStepsTestBase {

  @Test
  void aFormStartsItsIncentiveEmailAndASequenceItsEmails() {
    assertEquals(
        "the form's incentive email and the automations it starts", atTargetStep("ADD_TO_FORM"));
    assertEquals("the sequence's emails, one after another", atTargetStep("ADD_TO_SEQUENCE"));
  }

  @Test
  void aTagStepHasNoSuchHelp() {
    RuleForm f = atTagStep();
    assertNull(steps.post(f, Move.REFRESH_TAGS).getTargetStarts());
  }

  /** What step 3 says Kit starts, for a new Product Purchased rule on "Main" with this action. */
  private String atTargetStep(String action) {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger("PRODUCT_PURCHASED");
    steps.post(f, Move.NEXT);
    f.setIntegrationId(main.id());
    f.setAction(action);
    RuleStep step3 = steps.post(f, Move.NEXT);
    assertEquals(3, step3.getStep());
    return step3.getTargetStarts();
  }
}

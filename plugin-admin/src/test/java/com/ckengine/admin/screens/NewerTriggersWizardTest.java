package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.admin.screens.RuleSteps.Move;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rule wizard offers Subscription Started, Subscription Completed and Product Added to Order,
 * each beside its kin, and only the actions each allows: Add Purchase where a purchase exists
 * (Started, Added to Order), not on Completed.
 */
class NewerTriggersWizardTest extends RuleStepsTestBase {

  @Test
  void theTriggerListHoldsTheNewerTriggersBesideTheirKin() {
    List<String> labels = labels(steps.start(null).getTriggers());
    assertEquals(
        List.of(
            "Product Purchased",
            "Product Added to Order",
            "Product Refunded",
            "Product Partially Refunded",
            "Prospect Created",
            "Subscription Started",
            "Subscription Canceled",
            "Subscription Charge Failed",
            "Subscription Charged",
            "Subscription Delinquent",
            "Subscription Recovered",
            "Subscription Restarted",
            "Subscription Completed"),
        labels);
  }

  @Test
  void eachOffersTheActionsItAllows() {
    List<String> all =
        List.of(
            "Add Tag To Subscriber",
            "Remove Tag From Subscriber",
            "Add Purchase To ConvertKit",
            "Add Subscriber To Form",
            "Add Subscriber To Sequence");
    assertEquals(all, actionsOf("SUBSCRIPTION_STARTED"));
    assertEquals(all, actionsOf("PRODUCT_ADDED_TO_ORDER"));
    assertEquals(
        List.of(
            "Add Tag To Subscriber",
            "Remove Tag From Subscriber",
            "Add Subscriber To Form",
            "Add Subscriber To Sequence"),
        actionsOf("SUBSCRIPTION_COMPLETED"));
  }

  private List<String> actionsOf(String trigger) {
    RuleForm f = steps.start(null).getForm();
    f.setTrigger(trigger);
    RuleStep s = steps.post(f, Move.NEXT);
    assertEquals(2, s.getStep(), trigger);
    return labels(s.getActions());
  }

  private static List<String> labels(List<RuleStep.Option> options) {
    List<String> out = new ArrayList<>();
    for (RuleStep.Option o : options) out.add(o.getLabel());
    return out;
  }
}

package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * What a rule of Add Subscriber To Form / To Sequence holds (one form or sequence, no tags), where
 * they are allowed (where Add Tag is: every trigger), and that each kind's own words refuse it.
 */
class FormAndSequenceRulesTest {
  private static RuleDefinition.Builder rule(ActionType action) {
    return RuleDefinition.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .integrationId(1)
        .action(action);
  }

  @Test
  void aFormRuleHoldsItsFormAndNoTags() {
    RuleDefinition r =
        rule(ActionType.ADD_TO_FORM).target(RuleTarget.of(11, " Newsletter ")).build();
    assertEquals(RuleTarget.of(11, "Newsletter"), r.target());
    assertTrue(r.tags().isEmpty());
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void aFormOrSequenceRuleWithoutOneOrWithTagsIsRefusedWithTheReason() {
    IllegalArgumentException noForm =
        assertThrows(IllegalArgumentException.class, () -> rule(ActionType.ADD_TO_FORM).build());
    assertTrue(noForm.getMessage().contains("Add Subscriber To Form needs a form"));
    IllegalArgumentException tags =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                rule(ActionType.ADD_TO_SEQUENCE)
                    .target(RuleTarget.of(21, "Welcome"))
                    .addTag("vip")
                    .build());
    assertTrue(tags.getMessage().contains("Add Subscriber To Sequence takes no tags"));
    IllegalArgumentException targetOnTags =
        assertThrows(
            IllegalArgumentException.class,
            () -> rule(ActionType.ADD_TAG).addTag("vip").target(RuleTarget.of(1, "x")).build());
    assertTrue(targetOnTags.getMessage().contains("takes no form or sequence"));
  }

  @Test
  void formsAndSequencesAreAllowedWhereAddTagIs() {
    for (Trigger t : Trigger.values()) {
      assertEquals(t.allows(ActionType.ADD_TAG), t.allows(ActionType.ADD_TO_FORM), t.name());
      assertEquals(t.allows(ActionType.ADD_TAG), t.allows(ActionType.ADD_TO_SEQUENCE), t.name());
    }
    assertEquals(
        "Add Purchase To ConvertKit is not offered for Prospect Created: no money was taken, so "
            + "there is no purchase to record",
        ActionType.ADD_PURCHASE.refusal(Trigger.PROSPECT_CREATED));
  }

  @Test
  void storedNamesReadBackAsTheSameKindAndUnknownOnesAreRefused() {
    assertSame(ActionType.ADD_TO_SEQUENCE, ActionType.valueOf("ADD_TO_SEQUENCE"));
    assertThrows(IllegalArgumentException.class, () -> ActionType.valueOf("NO_SUCH_KIND"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ActionType.define("ADD_TAG", "Again", ActionType.Takes.TAGS, ActionType.ANY_TRIGGER));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ActionType.define(
                "A_NAME_LONGER_THAN_TWENTY",
                "Too long",
                ActionType.Takes.NOTHING,
                ActionType.ANY_TRIGGER));
  }
}

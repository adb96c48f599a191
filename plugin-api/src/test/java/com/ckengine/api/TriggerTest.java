package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggerTest {

  @Test
  void addPurchaseOnlyWhereMoneyWasTaken() {
    Set<Trigger> purchasing = EnumSet.noneOf(Trigger.class);
    for (Trigger t : Trigger.values()) {
      assertTrue(t.allows(ActionType.ADD_TAG), t + " tags");
      assertTrue(t.allows(ActionType.REMOVE_TAG), t + " removes tags");
      if (t.allows(ActionType.ADD_PURCHASE)) purchasing.add(t);
    }
    assertEquals(
        EnumSet.of(
            Trigger.PRODUCT_PURCHASED,
            Trigger.PRODUCT_ADDED_TO_ORDER,
            Trigger.SUBSCRIPTION_STARTED,
            Trigger.SUBSCRIPTION_CHARGED),
        purchasing);
  }

  @Test
  void purchaseTransactionIdIsTheOrderNumberOrTheChargeId() {
    assertEquals("R-100", Trigger.PRODUCT_PURCHASED.purchaseTransactionId("R-100", "order:R-100"));
    assertEquals("ch_9", Trigger.SUBSCRIPTION_CHARGED.purchaseTransactionId("sub-1", "ch_9"));
    assertThrows(
        IllegalStateException.class,
        () -> Trigger.PRODUCT_REFUNDED.purchaseTransactionId("R-100", "refund:1"));
  }

  @Test
  void onlyProspectCreatedIsDelayed() {
    for (Trigger t : Trigger.values()) {
      assertEquals(t == Trigger.PROSPECT_CREATED, t.isDelayed(), t.name());
    }
    assertTrue(Trigger.PROSPECT_CREATED.isOrderTrigger());
    assertFalse(Trigger.SUBSCRIPTION_CHARGED.isOrderTrigger());
  }

  @Test
  void aRuleRecordingAPurchaseOnARefundIsRefusedWithAReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_REFUNDED)
                    .integrationId(1)
                    .action(ActionType.ADD_PURCHASE)
                    .global()
                    .build());
    assertTrue(e.getMessage().contains("not offered for Product Refunded"), e.getMessage());
  }
}

package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RuleDefinitionTest {

  @Test
  void defaultsToEnabledAndGlobal() {
    RuleDefinition r =
        RuleDefinition.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .integrationId(3)
            .action(ActionType.ADD_TAG)
            .addTag("buyer")
            .addTag(RuleTag.of("vip", 42L))
            .build();
    assertTrue(r.isEnabled());
    assertTrue(r.isGlobal());
    assertEquals(2, r.tags().size());
    assertEquals(Long.valueOf(42), r.tags().get(1).kitTagId());
    RuleDefinition scoped = r.toBuilder().productId(9L).enabled(false).build();
    assertEquals(Long.valueOf(9), scoped.productId());
    assertFalse(scoped.isEnabled());
    assertNotEquals(r, scoped);
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void tagActionsNeedTagsAndPurchasesTakeNone() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_REFUNDED)
                    .integrationId(1)
                    .action(ActionType.REMOVE_TAG)
                    .build());
    assertTrue(e.getMessage().contains("Remove Tag From Subscriber needs at least one tag"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(1)
                    .action(ActionType.ADD_PURCHASE)
                    .addTag("x")
                    .build());
    assertTrue(e.getMessage().contains("takes no tags"));
    e = assertThrows(IllegalArgumentException.class, () -> RuleDefinition.builder().build());
    assertTrue(e.getMessage().contains("trigger is required"));
    assertTrue(e.getMessage().contains("integrationId is required"));
    assertThrows(IllegalArgumentException.class, () -> RuleTag.named("  "));
  }

  @Test
  void tagKeysIgnoreCase() {
    assertEquals(RuleTag.named("VIP").key(), RuleTag.of("vip", 1L).key());
  }
}

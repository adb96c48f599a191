package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.api.subscription.SubscriptionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Subscription Started, Subscription Completed and Product Added to Order as facts of the {@link
 * Trigger} enum: labels, which actions they allow, the purchase each records, and the payment
 * plan's fields.
 */
class NewerSamCartTriggersTest {

  @Test
  void eachHasTheLabelOperatorsSee() {
    assertEquals("Subscription Started", Trigger.SUBSCRIPTION_STARTED.displayName());
    assertEquals("Subscription Completed", Trigger.SUBSCRIPTION_COMPLETED.displayName());
    assertEquals("Product Added to Order", Trigger.PRODUCT_ADDED_TO_ORDER.displayName());
    assertTrue(Trigger.PRODUCT_ADDED_TO_ORDER.isOrderTrigger());
    assertFalse(Trigger.SUBSCRIPTION_STARTED.isOrderTrigger());
    assertFalse(Trigger.SUBSCRIPTION_COMPLETED.isOrderTrigger());
  }

  @Test
  void addPurchaseWhereAPurchaseExistsAndNotOnCompleted() {
    assertTrue(Trigger.SUBSCRIPTION_STARTED.allows(ActionType.ADD_PURCHASE));
    assertTrue(Trigger.PRODUCT_ADDED_TO_ORDER.allows(ActionType.ADD_PURCHASE));
    assertFalse(Trigger.SUBSCRIPTION_COMPLETED.allows(ActionType.ADD_PURCHASE));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RuleDefinition.builder()
                    .trigger(Trigger.SUBSCRIPTION_COMPLETED)
                    .integrationId(1)
                    .action(ActionType.ADD_PURCHASE)
                    .global()
                    .build());
    assertTrue(e.getMessage().contains("Subscription Completed"), e.getMessage());
  }

  @Test
  void startedRecordsTheFirstChargeAndAnAddedLineIsAPurchaseOfItsOwn() {
    assertEquals(
        "sub-1-R1",
        Trigger.SUBSCRIPTION_STARTED.purchaseTransactionId("sub-1", "sub-1-R1:started"),
        "the same transaction as the first charge's Subscription Charged: recorded once");
    assertEquals(
        "1042-add-77",
        Trigger.PRODUCT_ADDED_TO_ORDER.purchaseTransactionId("1042", "order:1042:added:77"),
        "never the order's own transaction id");
    assertThrows(
        IllegalArgumentException.class,
        () -> Trigger.SUBSCRIPTION_STARTED.purchaseTransactionId("sub-1", "sub-1-R1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Trigger.PRODUCT_ADDED_TO_ORDER.purchaseTransactionId("1042", "order:1042"));
  }

  @Test
  void anAddedLineEventNeedsItsLine() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () ->
                StoreEvent.builder()
                    .trigger(Trigger.PRODUCT_ADDED_TO_ORDER)
                    .occurredAt(Instant.now())
                    .email("a@example.com")
                    .reference("1042")
                    .eventKey("order:1042:added:77")
                    .build());
    assertTrue(e.getMessage().contains("line"), e.getMessage());
  }

  @Test
  void aPaymentPlanCountsTheOrderAsItsFirstPayment() {
    SubscriptionStarted plan = started().plannedPayments(3).build();
    assertEquals(Integer.valueOf(3), plan.plannedPayments());
    assertEquals(null, started().build().plannedPayments(), "no plan: renews until canceled");
    InvalidEventException e =
        assertThrows(InvalidEventException.class, () -> started().plannedPayments(1).build());
    assertTrue(e.getMessage().contains("plannedPayments"), e.getMessage());
    assertTrue(SubscriptionStatus.COMPLETED.isEnded());
    assertFalse(SubscriptionStatus.COMPLETED.isRestartable());
    assertTrue(SubscriptionStatus.CANCELED.isRestartable());
  }

  private static SubscriptionStarted.Builder started() {
    return SubscriptionStarted.builder()
        .subscriptionId("sub-1")
        .productId(120)
        .productName("Launch Accelerator")
        .price(new BigDecimal("105.00"))
        .currency("USD")
        .email("a@example.com")
        .originOrderNumber("1042")
        .startedAt(Instant.now());
  }
}

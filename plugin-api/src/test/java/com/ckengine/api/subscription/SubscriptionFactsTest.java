package com.ckengine.api.subscription;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.InvalidEventException;
import com.ckengine.api.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionFactsTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void aStartIsTrimmedAndNormalised() {
    SubscriptionStarted s =
        SubscriptionStarted.builder()
            .subscriptionId(" sub-1 ")
            .productId(104)
            .sku("CK-CLUB")
            .productName(" Club ")
            .price(new BigDecimal("19.00"))
            .currency("usd")
            .email(" Ann@Example.com ")
            .firstName("Ann")
            .originOrderNumber("1001")
            .startedAt(T)
            .test(true)
            .build();
    assertEquals("sub-1", s.subscriptionId());
    assertEquals("Club", s.productName());
    assertEquals("USD", s.currency());
    assertEquals("Ann@Example.com", s.email());
    assertTrue(s.isTest());
    assertFalse(s.toString().contains("Ann@"), "no email in toString");
  }

  @Test
  void anEmptyStartListsEveryProblemAtOnce() {
    InvalidEventException e =
        assertThrows(InvalidEventException.class, () -> SubscriptionStarted.builder().build());
    assertEquals(
        List.of(
            "subscriptionId is required",
            "productId is required",
            "productName is required",
            "price is required",
            "currency is required",
            "email is required",
            "startedAt is required"),
        e.problems());
  }

  @Test
  void badValuesAreNamed() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () ->
                SubscriptionStarted.builder()
                    .subscriptionId("x".repeat(101))
                    .productId(1)
                    .productName("P")
                    .price(new BigDecimal("-1"))
                    .currency("XYZW")
                    .email("bob@")
                    .startedAt(T)
                    .build());
    assertEquals(
        List.of(
            "subscriptionId is longer than 100 characters",
            "price must not be negative",
            "currency 'XYZW' is not an ISO 4217 code",
            "email 'bob@' is not an email address"),
        e.problems());
    assertTrue(e.getMessage().startsWith("subscription started is invalid: "), e.getMessage());
  }

  @Test
  void chargesNeedAnIdShortEnoughForItsDerivedEventKeys() {
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () ->
                ChargeSucceeded.builder()
                    .subscriptionId("s")
                    .chargeId("c".repeat(181))
                    .amount(new BigDecimal("-2"))
                    .build());
    assertEquals(
        List.of(
            "chargeId is longer than 180 characters",
            "amount must not be negative",
            "chargedAt is required"),
        e.problems());
    InvalidEventException f =
        assertThrows(InvalidEventException.class, () -> ChargeFailed.builder().build());
    assertEquals(
        List.of("subscriptionId is required", "chargeId is required", "failedAt is required"),
        f.problems());
    ChargeSucceeded ok =
        ChargeSucceeded.builder()
            .subscriptionId("s")
            .chargeId(" ch_1 ")
            .amount(BigDecimal.TEN)
            .chargedAt(T)
            .build();
    assertEquals("ch_1", ok.chargeId());
    assertNull(ok.currency());
  }

  @Test
  void theOtherFactsNeedTheirSubscriptionAndTime() {
    assertEquals(
        List.of("subscriptionId is required", "updatedAt is required"),
        assertThrows(InvalidEventException.class, () -> CardUpdated.builder().build()).problems());
    assertEquals(
        List.of("subscriptionId is required", "canceledBy is required", "canceledAt is required"),
        assertThrows(InvalidEventException.class, () -> SubscriptionCanceled.builder().build())
            .problems());
    assertEquals(
        List.of("subscriptionId is required", "restartedAt is required"),
        assertThrows(InvalidEventException.class, () -> SubscriptionRestarted.builder().build())
            .problems());
  }

  @Test
  void aResultCopiesItsTriggers() {
    java.util.List<Trigger> fired =
        new java.util.ArrayList<>(List.of(Trigger.SUBSCRIPTION_CHARGED));
    FactResult r =
        new FactResult(FactResult.Outcome.APPLIED, fired, SubscriptionStatus.ACTIVE, null);
    fired.clear();
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), r.triggers());
    assertThrows(UnsupportedOperationException.class, () -> r.triggers().clear());
    assertTrue(SubscriptionStatus.DELINQUENT.isEnded());
    assertFalse(SubscriptionStatus.PAST_DUE.isEnded());
  }
}

package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreEventTest {

  static StoreEvent.Builder purchase() {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .occurredAt(Instant.parse("2026-01-02T03:04:05Z"))
        .email(" Ann@Example.com ")
        .firstName("Ann")
        .reference("1001")
        .eventKey("order:1001:purchased")
        .currency("usd")
        .total(new BigDecimal("19.90"))
        .addLine(
            EventLine.builder()
                .productId(7)
                .sku("SKU-7")
                .name("Book")
                .quantity(2)
                .unitPrice(new BigDecimal("9.95"))
                .build());
  }

  @Test
  void buildsAValidEvent() {
    StoreEvent e = purchase().test(true).build();
    assertEquals(Trigger.PRODUCT_PURCHASED, e.trigger());
    assertEquals("Ann@Example.com", e.email());
    assertEquals("USD", e.currency());
    assertEquals(1, e.lines().size());
    assertEquals(LineRole.PRIMARY, e.lines().get(0).role());
    assertTrue(e.isTest());
    assertThrows(UnsupportedOperationException.class, () -> e.lines().clear());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    InvalidEventException ex =
        assertThrows(
            InvalidEventException.class,
            () -> StoreEvent.builder().trigger(Trigger.PRODUCT_PURCHASED).email("bob@").build());
    String m = ex.getMessage();
    assertTrue(m.contains("occurredAt is required"), m);
    assertTrue(m.contains("email 'bob@' is not an email address"), m);
    assertTrue(m.contains("reference (order number or subscription id) is required"), m);
    assertTrue(m.contains("eventKey is required"), m);
    assertTrue(m.contains("a Product Purchased event needs at least one line"), m);
    assertEquals(5, ex.problems().size(), ex.problems().toString());
  }

  @Test
  void refusesBadMoney() {
    InvalidEventException ex =
        assertThrows(
            InvalidEventException.class,
            () -> purchase().currency("XYZ").tax(new BigDecimal("-1")).build());
    assertTrue(ex.getMessage().contains("currency 'XYZ' is not an ISO 4217 code"));
    assertTrue(ex.getMessage().contains("tax must not be negative"));
    ex = assertThrows(InvalidEventException.class, () -> purchase().currency(null).build());
    assertTrue(ex.getMessage().contains("currency is required"));
  }

  @Test
  void refusesBadLines() {
    InvalidEventException ex =
        assertThrows(
            InvalidEventException.class,
            () -> EventLine.builder().quantity(0).unitPrice(new BigDecimal("-2")).build());
    assertTrue(ex.problems().contains("productId is required"));
    assertTrue(ex.problems().contains("name is required"));
    assertTrue(ex.problems().contains("quantity must be at least 1 (was 0)"));
    assertTrue(ex.problems().contains("unitPrice must not be negative"));
  }

  @Test
  void subscriptionEventsNeedNoLinesOrMoney() {
    StoreEvent e =
        StoreEvent.builder()
            .trigger(Trigger.SUBSCRIPTION_CANCELED)
            .occurredAt(Instant.now())
            .email("a@b.co")
            .reference("sub-9")
            .eventKey("sub:9:canceled")
            .build();
    assertTrue(e.lines().isEmpty());
    assertNull(e.currency());
  }

  @Test
  void emailSyntax() {
    assertTrue(Checks.isEmail("a.b+c@d-e.example.org"));
    assertFalse(Checks.isEmail("a b@c.de"));
    assertFalse(Checks.isEmail("a@localhost"));
    assertFalse(Checks.isEmail("a@@b.de"));
    assertFalse(Checks.isEmail("@b.de"));
  }

  @Test
  void toStringLeaksNoPersonalData() {
    String s = purchase().build().toString();
    assertFalse(s.contains("Ann"), s);
    assertFalse(s.contains("19.90"), s);
  }

  @Test
  void displayNames() {
    assertEquals(13, Trigger.values().length, "the seed's ten and SamCart's three newer triggers");
    assertEquals("Subscription Charge Failed", Trigger.SUBSCRIPTION_CHARGE_FAILED.displayName());
    assertEquals("Add Tag To Subscriber", ActionType.ADD_TAG.displayName());
    assertEquals("Remove Tag From Subscriber", ActionType.REMOVE_TAG.displayName());
    assertEquals("Add Purchase To ConvertKit", ActionType.ADD_PURCHASE.displayName());
    assertEquals("Order Bump", LineRole.ORDER_BUMP.displayName());
  }
}

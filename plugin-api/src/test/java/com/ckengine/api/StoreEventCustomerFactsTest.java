package com.ckengine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customer's facts a host puts on an event for mapped Kit custom fields: trimmed, blank means
 * unknown, numbers as plain text; too long, a control character, or the field the engine derives
 * (product just bought) is refused with the field named.
 */
class StoreEventCustomerFactsTest {

  @Test
  void factsAreKeptAsTextOnlyWhenKnown() {
    StoreEvent e =
        StoreEventTest.purchase()
            .customerFact(StoreField.LAST_NAME, "  Lee ")
            .customerFact(StoreField.PHONE, "   ")
            .customerFact(StoreField.BILLING_CITY, "Lyon")
            .orderCount(3)
            .totalSpent(new BigDecimal("1.29E+2"))
            .build();
    Map<StoreField, String> facts = e.customerFacts();
    assertEquals("Lee", facts.get(StoreField.LAST_NAME));
    assertFalse(facts.containsKey(StoreField.PHONE), "blank is unknown");
    assertEquals("Lyon", facts.get(StoreField.BILLING_CITY));
    assertEquals("3", facts.get(StoreField.ORDER_COUNT));
    assertEquals("129", facts.get(StoreField.TOTAL_SPENT));
    assertThrows(UnsupportedOperationException.class, () -> facts.clear());
  }

  @Test
  void badFactsAreRefusedByName() {
    char[] long_ = new char[StoreField.MAX_VALUE_LENGTH + 1];
    java.util.Arrays.fill(long_, 'x');
    InvalidEventException e =
        assertThrows(
            InvalidEventException.class,
            () ->
                StoreEventTest.purchase()
                    .customerFact(StoreField.LAST_NAME, new String(long_))
                    .customerFact(StoreField.PHONE, "555\n0100")
                    .customerFact(StoreField.PRODUCT_BOUGHT, "Book")
                    .build());
    String m = e.getMessage();
    assertTrue(m.contains("LAST_NAME"), m);
    assertTrue(m.contains("PHONE holds a control character"), m);
    assertTrue(m.contains("PRODUCT_BOUGHT is derived by the engine"), m);
  }
}

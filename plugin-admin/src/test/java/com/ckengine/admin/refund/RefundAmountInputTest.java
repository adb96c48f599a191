package com.ckengine.admin.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.broadleaf.refund.RefundException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The refund form's amount fields take plain amounts: an exponent, too many decimals or a huge
 * number is a message naming the field, never a number nobody can print.
 */
class RefundAmountInputTest {
  @Test
  void plainAmountsAreRead() {
    assertEquals(new BigDecimal("12.50"), AdminRefundController.amount(" 12.50 ", "the order"));
    assertEquals(new BigDecimal("0.001"), AdminRefundController.amount("0.001", "the order"));
    assertNull(AdminRefundController.amount("  ", "the order"));
  }

  @Test
  void exponentsHugeNumbersAndGarbageAreAMessage() {
    for (String bad : new String[] {"1e999999999", "1E-999999999", "12.50e0", "abc", "0.123456"}) {
      RefundException e =
          assertThrows(RefundException.class, () -> AdminRefundController.amount(bad, "the order"));
      assertTrue(e.getMessage().contains("is not an amount (for the order)"), e.getMessage());
    }
    RefundException huge =
        assertThrows(
            RefundException.class,
            () -> AdminRefundController.amount("1000000000000", "line Course"));
    assertEquals("The amount for line Course is larger than 999999999999.99", huge.getMessage());
    RefundException lines =
        assertThrows(
            RefundException.class,
            () -> AdminRefundController.amount("12\r\nINFO forged" + "9".repeat(100), "the order"));
    assertTrue(lines.getMessage().startsWith("'12\\r\\nINFO forged999"), lines.getMessage());
    assertTrue(lines.getMessage().length() < 120, "what was typed is cut short");
  }
}

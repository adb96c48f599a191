package com.ckengine.broadleaf.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A refund id is written into log lines, so it is refused with a line break or other control. */
class RefundIdInputTest {
  @Test
  void aRefundIdWithALineBreakOrNulIsRefused() {
    for (String id :
        new String[] {"admin-1\r\n12:00:00 INFO forged", "admin-1\u0000x", "re\tfund"}) {
      RefundException e =
          assertThrows(
              RefundException.class,
              () -> RefundRequest.builder("O-1", id).orderAmount(BigDecimal.ONE).build());
      assertEquals("the refund id holds a line break or other control character", e.getMessage());
    }
    assertEquals(
        "gw-re_123",
        RefundRequest.builder("O-1", " gw-re_123 ").orderAmount(BigDecimal.ONE).build().refundId());
  }
}

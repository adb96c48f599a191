package com.ckengine.broadleaf.refund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refund arithmetic: splitting a refund over lines and which products it completes. */
class RefundLedgerTest {
  // Item 1: product 101 paid 199; item 2: product 105 paid 9; item 3: product 101 again, paid 50.
  private static RefundLedger ledger() {
    return new RefundLedger(
        List.of(
            new RefundLedger.Line(1, 101, new BigDecimal("199.00")),
            new RefundLedger.Line(2, 105, new BigDecimal("9.00")),
            new RefundLedger.Line(3, 101, new BigDecimal("50.00"))),
        BigDecimal.ZERO,
        2);
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void aPartialRefundThenOneThatCompletesTheProduct() {
    RefundLedger l = ledger();
    Map<Long, BigDecimal> first =
        l.allocate(RefundRequest.builder("1", "r1").lineAmount(1, d("50")).build());
    l.apply(first);
    RefundLedger.Outcome o1 = l.outcome(first);
    assertEquals(List.of(1L), o1.partlyRefundedItems);
    assertTrue(o1.fullyRefundedItems.isEmpty());

    Map<Long, BigDecimal> second =
        l.allocate(RefundRequest.builder("1", "r2").wholeLine(1).wholeLine(3).build());
    assertEquals(d("149.00"), second.get(1L));
    assertEquals(d("50.00"), second.get(3L));
    l.apply(second);
    RefundLedger.Outcome o2 = l.outcome(second);
    assertEquals(List.of(1L, 3L), o2.fullyRefundedItems);
    assertTrue(o2.partlyRefundedItems.isEmpty());
  }

  @Test
  void oneLineOfAProductRefundedInFullLeavesTheProductPartlyRefunded() {
    RefundLedger l = ledger();
    Map<Long, BigDecimal> a = l.allocate(RefundRequest.builder("1", "r").wholeLine(3).build());
    l.apply(a);
    RefundLedger.Outcome o = l.outcome(a);
    assertEquals(List.of(3L), o.partlyRefundedItems);
  }

  @Test
  void anOrderAmountIsSpreadInProportionAndAddsUp() {
    RefundLedger l = ledger();
    Map<Long, BigDecimal> a =
        l.allocate(RefundRequest.builder("1", "r").orderAmount(d("25.80")).build());
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : a.values()) sum = sum.add(v);
    assertEquals(d("25.80"), sum);
    assertEquals(d("19.90"), a.get(1L));
    assertEquals(d("0.90"), a.get(2L));
    assertEquals(d("5.00"), a.get(3L));
    Map<Long, BigDecimal> all =
        l.allocate(RefundRequest.builder("1", "r").orderAmount(d("258.00")).build());
    l.apply(all);
    assertEquals(List.of(1L, 3L, 2L), l.outcome(all).fullyRefundedItems);
  }

  @Test
  void tooMuchOrAnUnknownLineIsRefusedWithAClearMessage() {
    RefundLedger l = ledger();
    RefundException e =
        assertThrows(
            RefundException.class,
            () -> l.allocate(RefundRequest.builder("1", "r").lineAmount(2, d("9.01")).build()));
    assertEquals("line 2 has 9.00 left to refund, not 9.01", e.getMessage());
    assertThrows(
        RefundException.class,
        () -> l.allocate(RefundRequest.builder("1", "r").wholeLine(99).build()));
    assertThrows(
        RefundException.class,
        () -> l.allocate(RefundRequest.builder("1", "r").orderAmount(d("258.01")).build()));
    assertThrows(RefundException.class, () -> RefundRequest.builder("1", "r").build());
    assertThrows(
        RefundException.class, () -> RefundRequest.builder("1", " ").orderAmount(d("1")).build());
    assertThrows(
        RefundException.class, () -> RefundRequest.builder("1", "r").orderAmount(d("0")).build());
  }
}

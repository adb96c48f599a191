package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.ckengine.api.EventLine;
import com.ckengine.kit.PurchaseLine;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kit's rule for a purchase's lines: each pid once, each lid once; nothing dropped. */
class PurchaseMappingTest {

  static EventLine line(long product, String sku, String price, int quantity) {
    return EventLine.builder()
        .productId(product)
        .sku(sku)
        .name("Product " + product)
        .unitPrice(new BigDecimal(price))
        .quantity(quantity)
        .build();
  }

  static Set<Long> pids(List<PurchaseLine> lines) {
    Set<Long> pids = new HashSet<Long>();
    for (PurchaseLine l : lines) pids.add(l.pid());
    return pids;
  }

  @Test
  void oneProductAndSkuOnTwoLinesIsOneLineWithTheQuantitiesAdded() {
    List<PurchaseLine> lines =
        PurchaseMapping.products(
            Arrays.asList(
                line(7, "MUG", "12.50", 1), line(9, "CAP", "5", 1), line(7, "MUG", "12.5", 2)));

    assertEquals(2, lines.size(), lines.toString());
    assertEquals(7, lines.get(0).pid());
    assertEquals(3, lines.get(0).quantity());
    assertEquals(1, lines.get(0).lid());
    assertEquals(9, lines.get(1).pid());
    assertEquals(2, lines.get(1).lid());
  }

  @Test
  void oneSkuAtTwoPricesKeepsBothLinesWithTwoPids() {
    List<PurchaseLine> lines =
        PurchaseMapping.products(
            Arrays.asList(line(7, "MUG", "12.50", 1), line(7, "MUG", "0.00", 1)));

    assertEquals(2, lines.size(), lines.toString());
    assertEquals(2, pids(lines).size(), "each pid once: " + lines);
    assertEquals(7, lines.get(0).pid(), "the first keeps the product's id");
    assertNotEquals(7, lines.get(1).pid());
    assertEquals(
        lines,
        PurchaseMapping.products(
            Arrays.asList(line(7, "MUG", "12.50", 1), line(7, "MUG", "0.00", 1))),
        "the same order maps to the same pids every time");
  }

  @Test
  void twoSkusOfOneProductStayApart() {
    List<PurchaseLine> lines =
        PurchaseMapping.products(
            Arrays.asList(line(7, "MUG-RED", "12.50", 1), line(7, "MUG-BLUE", "12.50", 1)));

    assertEquals(2, pids(lines).size(), lines.toString());
    assertEquals(7, lines.get(0).pid());
  }
}

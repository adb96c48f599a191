package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.kit.Purchase;
import com.ckengine.kit.PurchaseLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the purchase Kit records for an event, following Kit's rules for product lines: each
 * product in a purchase must have a unique {@code pid}; variants of one product should share it;
 * each line has a {@code lid} unique within the purchase.
 *
 * <p>Lines that are the same thing bought twice (one product, one SKU, one name and unit price,
 * e.g. added to the cart twice, or as a primary line and again as an order bump) become one line
 * with their quantities added: one pid, once. Where Kit's rules still pull apart (two SKUs of one
 * product, or one SKU at two prices, in one order) the "must" wins: the first SKU of a product
 * keeps the product's id as pid, and every further line of it gets a pid of its own, derived from
 * product id, SKU and, for a second price of one SKU, its place among that SKU's lines. A line
 * without a product id (productId 0) gets a pid derived from its SKU (or name). Derived pids are
 * stable (the same order always maps to the same pids) and lie above 2^52, far from any store's
 * product ids. {@code lid} is the line's position after merging, 1 to n. Kit's report per product
 * then shows the variants apart, and no line is dropped or rejected. See docs/engine.md,
 * "Purchases: never twice, never left to guess".
 */
final class PurchaseMapping {
  /** Sent as {@code purchase.integration}, as Kit asks of third-party integrations. */
  static final String INTEGRATION_NAME = "ConvertKit Integration Engine for Broadleaf Commerce";

  private static final long DERIVED_PID_BASE = 1L << 52;

  private PurchaseMapping() {}

  static Purchase purchase(String transactionId, EventEntity e, List<EventLine> lines) {
    Purchase.Builder p =
        Purchase.builder()
            .transactionId(transactionId)
            .integration(INTEGRATION_NAME)
            .emailAddress(e.getEmail())
            .firstName(e.getFirstName())
            .currency(e.getCurrency())
            .transactionTime(EventRows.occurredAt(e))
            .subtotal(e.getSubtotal())
            .tax(e.getTax())
            .shipping(e.getShipping())
            .discount(e.getDiscount())
            .total(e.getTotal());
    for (PurchaseLine line : products(lines)) p.addProduct(line);
    return p.build();
  }

  /** The event's lines as Kit's product lines: same things merged, each pid once. */
  static List<PurchaseLine> products(List<EventLine> lines) {
    Map<List<Object>, Merged> merged = new LinkedHashMap<List<Object>, Merged>();
    for (EventLine l : lines) {
      String sku = l.sku() != null ? l.sku() : String.valueOf(l.productId());
      // 12.5 and 12.50 are one price.
      List<Object> same =
          Arrays.<Object>asList(
              l.productId(), sku, l.name(), l.unitPrice().stripTrailingZeros().toPlainString());
      Merged m = merged.get(same);
      if (m == null) merged.put(same, new Merged(l, sku));
      else m.quantity += l.quantity();
    }
    Map<Long, String> firstSkuOfProduct = new HashMap<Long, String>();
    Set<Long> pids = new HashSet<Long>();
    List<PurchaseLine> out = new ArrayList<PurchaseLine>();
    int lid = 0;
    for (Merged m : merged.values()) {
      long pid = pid(m.line, m.sku, firstSkuOfProduct);
      // One SKU at a second price: a pid of its own, by its place among that SKU's lines.
      for (int n = 2; !pids.add(pid); n++) {
        pid = derived("line:" + m.line.productId() + ":" + m.sku + ":" + n);
      }
      out.add(
          PurchaseLine.builder()
              .pid(pid)
              .lid(++lid)
              .name(m.line.name())
              .sku(m.sku)
              .unitPrice(m.line.unitPrice())
              .quantity(m.quantity)
              .build());
    }
    return out;
  }

  /** Lines that are one thing bought more than once. */
  private static final class Merged {
    final EventLine line;
    final String sku;
    int quantity;

    Merged(EventLine line, String sku) {
      this.line = line;
      this.sku = sku;
      this.quantity = line.quantity();
    }
  }

  private static long pid(EventLine l, String sku, Map<Long, String> firstSkuOfProduct) {
    if (l.productId() == 0) {
      return derived("line:" + (l.sku() != null ? l.sku() : l.name()));
    }
    String first = firstSkuOfProduct.putIfAbsent(l.productId(), sku);
    if (first == null || first.equals(sku)) return l.productId();
    return derived("variant:" + l.productId() + ":" + sku);
  }

  private static long derived(String key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 6; i++) v = (v << 8) | (h[i] & 0xff);
      return DERIVED_PID_BASE + (v & ((1L << 48) - 1));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

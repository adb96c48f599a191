package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.kit.Purchase;
import com.ckengine.kit.PurchaseLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the purchase Kit records for an event, following Kit's rules for product lines: each
 * product in a purchase must have a unique {@code pid}; variants of one product should share it;
 * each line has a {@code lid} unique within the purchase.
 *
 * <p>Where those rules pull apart (two SKUs of one product in one order) the "must" wins: the first
 * SKU of a product keeps the product's id as pid, and every further SKU of it gets a pid of its
 * own, derived from product id and SKU. A line without a product id (productId 0) gets a pid
 * derived from its SKU (or name). Derived pids are stable (the same line always maps to the same
 * pid) and lie above 2^52, far from any store's product ids. {@code lid} is the line's position, 1
 * to n. Kit's report per product then shows the variants apart, and no line is dropped or rejected.
 * See docs/engine.md, "Purchases: never twice, never left to guess".
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
    Map<Long, String> firstSkuOfProduct = new HashMap<Long, String>();
    int lid = 0;
    for (EventLine l : lines) {
      String sku = l.sku() != null ? l.sku() : String.valueOf(l.productId());
      p.addProduct(
          PurchaseLine.builder()
              .pid(pid(l, sku, firstSkuOfProduct))
              .lid(++lid)
              .name(l.name())
              .sku(sku)
              .unitPrice(l.unitPrice())
              .quantity(l.quantity())
              .build());
    }
    return p.build();
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

package com.ckengine.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of the purchases Kit holds for an account ({@code GET /purchases}): up to 50 purchases
 * and where the page stands among the others. Immutable.
 */
public final class KitPurchasePage {
  private final int page;
  private final int totalPages;
  private final long totalPurchases;
  private final List<KitPurchaseReceipt> purchases;

  public KitPurchasePage(
      int page, int totalPages, long totalPurchases, List<KitPurchaseReceipt> purchases) {
    if (purchases == null) throw new NullPointerException("purchases");
    this.page = page;
    this.totalPages = totalPages;
    this.totalPurchases = totalPurchases;
    this.purchases = Collections.unmodifiableList(new ArrayList<KitPurchaseReceipt>(purchases));
  }

  /** This page's number, from 1. */
  public int page() {
    return page;
  }

  /** How many pages there are, as Kit counted when it answered. */
  public int totalPages() {
    return totalPages;
  }

  /** How many purchases the account has, as Kit counted when it answered. */
  public long totalPurchases() {
    return totalPurchases;
  }

  /** This page's purchases (Kit's id and the store's transaction id), in Kit's order. */
  public List<KitPurchaseReceipt> purchases() {
    return purchases;
  }

  /** The purchase with this transaction id on this page, or null. */
  public KitPurchaseReceipt find(String transactionId) {
    for (KitPurchaseReceipt p : purchases) {
      if (p.transactionId().equals(transactionId)) return p;
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitPurchasePage)) return false;
    KitPurchasePage that = (KitPurchasePage) o;
    return page == that.page
        && totalPages == that.totalPages
        && totalPurchases == that.totalPurchases
        && purchases.equals(that.purchases);
  }

  @Override
  public int hashCode() {
    return ((page * 31 + totalPages) * 31 + Long.hashCode(totalPurchases)) * 31
        + purchases.hashCode();
  }

  @Override
  public String toString() {
    return "KitPurchasePage{"
        + page
        + "/"
        + totalPages
        + ", "
        + totalPurchases
        + " purchases, "
        + purchases.size()
        + " here}";
  }
}

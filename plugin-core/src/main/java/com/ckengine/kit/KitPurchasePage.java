package com.ckengine.kit;

import java.util.List;

/** One page of the account's purchases. */
public final class KitPurchasePage {
  private final int page;
  private final int totalPages;
  private final long totalPurchases;
  private final List<KitPurchaseReceipt> purchases;

  public KitPurchasePage(
      int page, int totalPages, long totalPurchases, List<KitPurchaseReceipt> purchases) {
    this.page = page;
    this.totalPages = totalPages;
    this.totalPurchases = totalPurchases;
    this.purchases = purchases;
  }

  public int page() {
    return page;
  }

  public int totalPages() {
    return totalPages;
  }

  public long totalPurchases() {
    return totalPurchases;
  }

  public List<KitPurchaseReceipt> purchases() {
    return purchases;
  }
}

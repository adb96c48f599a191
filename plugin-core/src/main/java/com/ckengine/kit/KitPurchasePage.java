package com.ckengine.kit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of the purchases Kit holds for an account, and the cursor of the page after it. Cursors
 * are opaque to callers: pass {@link #nextCursor()} back to {@link KitClient#listPurchases}.
 *
 * <p>v3 numbers its pages and says how many there are, so its pages also tell {@link #page()},
 * {@link #totalPages()}, {@link #totalPurchases()} and can name the cursor of any page ({@link
 * #cursorOf(int)}), which lets a reader start from the last page. v4 pages only know the next one.
 * Immutable.
 */
public final class KitPurchasePage {
  private final int page;
  private final int totalPages;
  private final long totalPurchases;
  private final List<KitPurchaseReceipt> purchases;
  private final String nextCursor;

  private KitPurchasePage(
      int page,
      int totalPages,
      long totalPurchases,
      List<KitPurchaseReceipt> purchases,
      String nextCursor) {
    if (purchases == null) throw new NullPointerException("purchases");
    this.page = page;
    this.totalPages = totalPages;
    this.totalPurchases = totalPurchases;
    this.purchases = Collections.unmodifiableList(new ArrayList<KitPurchaseReceipt>(purchases));
    this.nextCursor = nextCursor;
  }

  /**
   * A numbered page (v3): its cursor is its number as text, and the next page's is {@code page + 1}
   * until {@code totalPages}.
   */
  public static KitPurchasePage numbered(
      int page, int totalPages, long totalPurchases, List<KitPurchaseReceipt> purchases) {
    String next = page < totalPages ? String.valueOf(page + 1) : null;
    return new KitPurchasePage(page, totalPages, totalPurchases, purchases, next);
  }

  /** A page of a cursor-paged list (v4): {@code nextCursor} null on the last page. */
  public static KitPurchasePage cursored(List<KitPurchaseReceipt> purchases, String nextCursor) {
    return new KitPurchasePage(0, 0, -1, purchases, nextCursor);
  }

  /** The cursor of the page after this one, or null when this is the last. */
  public String nextCursor() {
    return nextCursor;
  }

  /** The cursor of page {@code number} (from 1) when the list is numbered (v3), else null. */
  public String cursorOf(int number) {
    if (page == 0 || number < 1) return null;
    return String.valueOf(number);
  }

  /** This page's number, from 1; 0 when Kit does not number pages (v4). */
  public int page() {
    return page;
  }

  /** How many pages there are, as Kit counted when it answered; 0 when Kit does not say (v4). */
  public int totalPages() {
    return totalPages;
  }

  /** How many purchases the account has, as Kit counted; -1 when Kit does not say (v4). */
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
        && purchases.equals(that.purchases)
        && (nextCursor == null ? that.nextCursor == null : nextCursor.equals(that.nextCursor));
  }

  @Override
  public int hashCode() {
    return ((page * 31 + totalPages) * 31 + Long.hashCode(totalPurchases)) * 31
        + purchases.hashCode();
  }

  @Override
  public String toString() {
    return "KitPurchasePage{"
        + (page == 0 ? "" : page + "/" + totalPages + ", " + totalPurchases + " purchases, ")
        + purchases.size()
        + " here"
        + (nextCursor == null ? ", last" : "")
        + "}";
  }
}

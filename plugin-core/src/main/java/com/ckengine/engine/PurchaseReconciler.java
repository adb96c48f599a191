package com.ckengine.engine;

import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitPurchasePage;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Looks in Kit's list of purchases ({@code GET /purchases}, paged) for a transaction id whose send
 * ended in doubt, so a purchase is never recorded twice and never left to a person to guess.
 *
 * <p>Which pages can hold it: Kit's ids grow, and the action remembers the highest Kit purchase id
 * its integration had recorded before the first send (its floor): a purchase made by that send has
 * a higher id. Kit does not state the list's order, so the first page tells: ascending ids (as in
 * Kit's v3 reference) put the newest purchases on the last page, which is read first, going back
 * (v3 numbers its pages, so the last page's cursor is known); descending ids (as in Kit's v4
 * reference) put them on page 1, going forward by each page's next cursor. Reading stops at a page
 * holding the floor or lower ids, or at the end of the list, or after {@code maxPages} pages (then
 * the action fails for the operator, rather than guess, saying which pages were read; the operator
 * may check Kit and send it anyway).
 */
final class PurchaseReconciler {
  private final int maxPages;

  PurchaseReconciler(int maxPages) {
    this.maxPages = maxPages;
  }

  /** What the look-up found. */
  static final class Verdict {
    /** Kit's id of the purchase, when found. */
    final Long kitPurchaseId;

    /** Neither found nor ruled out: the failed call, or why the look-up stopped. */
    final KitResult<?> failure;

    final String undecided;

    private Verdict(Long kitPurchaseId, KitResult<?> failure, String undecided) {
      this.kitPurchaseId = kitPurchaseId;
      this.failure = failure;
      this.undecided = undecided;
    }

    boolean found() {
      return kitPurchaseId != null;
    }

    boolean absent() {
      return kitPurchaseId == null && failure == null && undecided == null;
    }
  }

  Verdict find(KitCredential secret, String transactionId, long floor, KitCalls calls) {
    KitResult<KitPurchasePage> first = read(secret, null, calls);
    if (!first.isSuccess()) return new Verdict(null, first, null);
    KitPurchasePage page = first.value();
    Long hit = match(page.purchases(), transactionId);
    if (hit != null) return new Verdict(hit, null, null);
    boolean ascending = ascending(page.purchases());
    // The only page, or newest first and page 1 already reaches the floor: nothing else can hold
    // it.
    if (page.nextCursor() == null || (!ascending && below(page.purchases(), floor))) {
      return new Verdict(null, null, null);
    }
    int total = page.totalPages();
    List<Integer> read = new ArrayList<Integer>();
    read.add(1);
    if (ascending && page.cursorOf(total) != null) {
      // Numbered pages, oldest first (v3): the newest are on the last page; read it, going back.
      for (int next = total; next >= 2; next--) {
        if (read.size() >= maxPages)
          return new Verdict(null, null, notFound(transactionId, read, total));
        read.add(next);
        KitResult<KitPurchasePage> r = read(secret, page.cursorOf(next), calls);
        if (!r.isSuccess()) return new Verdict(null, r, null);
        hit = match(r.value().purchases(), transactionId);
        if (hit != null) return new Verdict(hit, null, null);
        if (below(r.value().purchases(), floor)) break;
      }
      return new Verdict(null, null, null);
    }
    // Going forward by cursor. Newest first (v4, or v3 pages in that order): stop at the floor.
    // Oldest first without a way to the end: every page up to the bound, the newest are last.
    String cursor = page.nextCursor();
    while (cursor != null) {
      if (read.size() >= maxPages)
        return new Verdict(null, null, notFound(transactionId, read, total));
      KitResult<KitPurchasePage> r = read(secret, cursor, calls);
      if (!r.isSuccess()) return new Verdict(null, r, null);
      read.add(r.value().page() > 0 ? r.value().page() : read.size() + 1);
      hit = match(r.value().purchases(), transactionId);
      if (hit != null) return new Verdict(hit, null, null);
      if (!ascending && below(r.value().purchases(), floor)) break;
      cursor = r.value().nextCursor();
    }
    return new Verdict(null, null, null);
  }

  private static KitResult<KitPurchasePage> read(
      KitCredential secret, String cursor, KitCalls calls) {
    return calls.call(secret, s -> calls.kit().listPurchases(s, cursor));
  }

  /** Why the look-up stopped undecided: which pages were read, and what the operator can do. */
  private String notFound(String transactionId, List<Integer> read, int total) {
    return "purchase "
        + transactionId
        + " was not found in pages "
        + pages(read)
        + (total > 0 ? " of Kit's " + total + " pages of purchases" : " of Kit's purchases")
        + "; the look-up reads "
        + maxPages
        + " pages at most, the newest, so older purchases were not checked. Check Kit's purchases"
        + " for it: if it is missing, choose Send anyway; Retry looks it up again";
  }

  /** Pages in the order read, runs written as ranges: [1, 41, 40, 39] is "1 and 41 to 39". */
  static String pages(List<Integer> read) {
    List<String> parts = new ArrayList<String>();
    int i = 0;
    while (i < read.size()) {
      int j = i;
      while (j + 1 < read.size() && Math.abs(read.get(j + 1) - read.get(j)) == 1) j++;
      parts.add(j > i ? read.get(i) + " to " + read.get(j) : String.valueOf(read.get(i)));
      i = j + 1;
    }
    if (parts.size() == 1) return parts.get(0);
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " and "
        + parts.get(parts.size() - 1);
  }

  private static Long match(List<KitPurchaseReceipt> purchases, String transactionId) {
    for (KitPurchaseReceipt p : purchases) {
      if (transactionId.equals(p.transactionId())) return p.id();
    }
    return null;
  }

  /** True when the page holds an id at or below the floor: older pages cannot hold the purchase. */
  private static boolean below(List<KitPurchaseReceipt> purchases, long floor) {
    if (floor <= 0) return false;
    for (KitPurchaseReceipt p : purchases) if (p.id() <= floor) return true;
    return false;
  }

  private static boolean ascending(List<KitPurchaseReceipt> purchases) {
    return purchases.size() < 2
        || purchases.get(0).id() <= purchases.get(purchases.size() - 1).id();
  }
}

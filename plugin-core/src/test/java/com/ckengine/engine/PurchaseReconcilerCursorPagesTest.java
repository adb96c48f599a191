package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitPurchasePage;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The purchase look-up walks v4's cursor pages (newest first, as Kit's v4 reference lists them):
 * forward by each page's next cursor, stopping at the page that reaches the floor.
 */
class PurchaseReconcilerCursorPagesTest extends DeliveryPromiseTestBase {
  static final KitCredential TOKEN = KitCredential.oauthToken("token", "oauth:1");

  /** Three pages of 100 purchases, ids 300 down to 1, cursors "c1" and "c2"; counts the reads. */
  static final class CursorKit extends DelegatingKit {
    final List<String> asked = new ArrayList<String>();

    CursorKit() {
      super(null);
    }

    @Override
    public KitResult<KitPurchasePage> listPurchases(KitCredential s, String cursor) {
      asked.add(String.valueOf(cursor));
      int page = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
      List<KitPurchaseReceipt> receipts = new ArrayList<KitPurchaseReceipt>();
      for (int id = 300 - page * 100; id > 200 - page * 100; id--) {
        receipts.add(new KitPurchaseReceipt(id, "T" + id));
      }
      return KitResult.success(
          KitPurchasePage.cursored(receipts, page < 2 ? "c" + (page + 1) : null), 200);
    }

    @Override
    public Duration permitDelay(KitCredential s) {
      return Duration.ZERO;
    }
  }

  KitCalls calls(CursorKit kit) {
    Leases l = leases("calls#1", Clock.systemUTC());
    return new KitCalls(kit, l, l.acquire(99), Clock.systemUTC(), 10_000);
  }

  @Test
  void aPurchaseOnTheSecondPageIsFoundByItsCursor() {
    CursorKit kit = new CursorKit();

    PurchaseReconciler.Verdict found =
        new PurchaseReconciler(20).find(TOKEN, "T180", 100, calls(kit));

    assertEquals(180L, (long) found.kitPurchaseId);
    assertEquals(Arrays.asList("null", "c1"), kit.asked);
  }

  @Test
  void theWalkStopsAtThePageReachingTheFloor() {
    CursorKit kit = new CursorKit();

    PurchaseReconciler.Verdict absent =
        new PurchaseReconciler(20).find(TOKEN, "NEVER-SENT", 150, calls(kit));

    assertTrue(absent.absent(), "shown absent");
    assertEquals(
        Arrays.asList("null", "c1"), kit.asked, "page 3 is older than the floor: not read");
  }

  @Test
  void pastThePageBoundItIsUndecidedAndSaysWhichPagesWereRead() {
    CursorKit kit = new CursorKit();

    PurchaseReconciler.Verdict undecided =
        new PurchaseReconciler(2).find(TOKEN, "NEVER-SENT", 0, calls(kit));

    assertNotNull(undecided.undecided);
    assertTrue(
        undecided.undecided.contains("not found in pages 1 to 2 of Kit's purchases;"),
        undecided.undecided);
    assertEquals(2, kit.asked.size());
  }
}

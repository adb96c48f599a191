package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PurchaseRecordEntity;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitPurchasePage;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import com.ckengine.sandbox.RecordedPurchase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A purchase is recorded in Kit exactly once and never left to a person to guess: an answer lost
 * after Kit acted is settled by reading Kit's purchases, and a purchase Kit does not have is sent
 * after the look-up.
 */
class PurchasesNeverTwiceTest extends DeliveryPromiseTestBase {
  @ParameterizedTest
  @ValueSource(strings = {"500", "unreadable 200", "connection dropped", "answer too late"})
  void aPurchaseWhoseAnswerIsLostAfterKitActedIsRecordedExactlyOnce(String lost) {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    PurchaseRules.addPurchase(e, integration);
    switch (lost) {
      case "500":
        sandbox.failNextAfterApplying(1, 500);
        break;
      case "unreadable 200":
        sandbox.garbleNextAfterApplying(1);
        break;
      case "connection dropped":
        sandbox.dropNextAfterApplying(1);
        break;
      default:
        sandbox.delayNextAfterApplying(1, Duration.ofSeconds(3)); // past the 1 s read timeout
    }
    e.start();
    e.publisher().publish(purchase("R1", "buyer@example.com", 1, 2));
    await("the purchase delivered", () -> finalIn(e, "R1"));
    LogEntry entry = log(e, "R1").get(0);
    assertEquals(ActionStatus.DELIVERED, entry.status(), entry.toString());
    assertTrue(entry.attempts() >= 2, "the lost answer was an attempt: " + entry);
    assertTrue(entry.message().contains("found in Kit"), entry.message());
    List<RecordedPurchase> inKit = sandbox.purchases(secret);
    assertEquals(1, inKit.size(), "recorded once: " + inKit);
    assertEquals("R1", inKit.get(0).transactionId());
  }

  @Test
  void aPurchaseInDoubtThatKitDoesNotHaveIsSentAfterTheLookUp() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    PurchaseRules.addPurchase(e, integration);
    // Kit answers 500 without acting; the engine cannot know, so it looks before resending.
    sandbox.failNext(1, 500);
    e.start();
    e.publisher().publish(purchase("R2", "buyer@example.com", 1));
    await("the purchase delivered", () -> finalIn(e, "R2"));
    LogEntry entry = log(e, "R2").get(0);
    assertEquals(ActionStatus.DELIVERED, entry.status(), entry.toString());
    assertEquals("purchase R2 recorded", entry.message());
    assertEquals(1, sandbox.purchases(secret).size());
  }

  @Test
  void reconciliationReadsTheNewestPagesOfKitsPurchasesAndStopsAtTheFloor() {
    // 120 purchases recorded before: three pages of 50, ascending ids, as Kit's reference shows.
    KitClient kit =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .v4BaseUrl(sandbox.v4BaseUrl())
            .noRateLimit()
            .build();
    KitCredential s = KitCredential.v3Secret(secret);
    for (int i = 0; i < 120; i++) {
      assertTrue(
          kit.recordPurchase(s, simplePurchase("OLD" + i)).isSuccess(), "seed purchase " + i);
    }
    long floor = kit.listPurchases(s, "3").value().purchases().get(19).id(); // the 120th
    KitPurchaseReceipt ours = kit.recordPurchase(s, simplePurchase("MINE")).value();
    PurchaseReconciler reconciler = new PurchaseReconciler(20);
    CountingKit counting = new CountingKit(kit);
    KitCalls calls = freeCalls(counting);
    PurchaseReconciler.Verdict found = reconciler.find(s, "MINE", floor, calls);
    assertEquals(ours.id(), (long) found.kitPurchaseId);
    assertEquals(2, counting.lists.get(), "page 1 to learn the order, then the last page");
    counting.lists.set(0);
    PurchaseReconciler.Verdict absent = reconciler.find(s, "NEVER-SENT", floor, calls);
    assertTrue(absent.absent(), "shown absent");
    assertEquals(2, counting.lists.get(), "stops at the page holding the floor");
    counting.lists.set(0);
    PurchaseReconciler.Verdict noFloor = new PurchaseReconciler(2).find(s, "NEVER-SENT", 0, calls);
    assertNotNull(noFloor.undecided, "without a floor and past the page bound: undecided");
  }

  @Test
  void aWorkerWhoseClaimExpiredStillLeavesThePurchaseRecord() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    PurchaseRules.addPurchase(e, integration);
    e.publisher().publish(purchase("S1", "s@example.com", 1));
    long actionId = log(e, "S1").get(0).actionId();
    ActionStore store = new ActionStore(new Jpa(emf));
    long now = System.currentTimeMillis();
    Claim stale = store.claim(actionId, now, now + 10);
    Claim fresh = store.claim(actionId, now + 20, now + 60_000);
    assertNotNull(fresh, "taken over after the first claim expired");
    boolean mine =
        store.complete(
            stale,
            new ActionStore.Completion(
                ActionStatus.DELIVERED, now, 200, "purchase S1 recorded", null, false, "S1", 42L),
            now + 30);
    assertFalse(mine, "the stale worker does not overwrite the row");
    PurchaseRecordEntity record = store.purchaseRecord(integration, "S1");
    assertNotNull(record, "but Kit has the purchase, so it is remembered");
    assertEquals(42L, (long) record.getKitPurchaseId());
  }

  KitCalls freeCalls(KitClient kit) {
    Leases l = leases("calls#1", Clock.systemUTC());
    Leases.Lease lease = l.acquire(99);
    return new KitCalls(kit, l, lease, Clock.systemUTC(), 10_000);
  }

  /** Counts the purchase list calls. */
  static final class CountingKit extends DelegatingKit {
    final AtomicInteger lists = new AtomicInteger();

    CountingKit(KitClient d) {
      super(d);
    }

    @Override
    public KitResult<KitPurchasePage> listPurchases(KitCredential s, String page) {
      lists.incrementAndGet();
      return super.listPurchases(s, page);
    }
  }
}

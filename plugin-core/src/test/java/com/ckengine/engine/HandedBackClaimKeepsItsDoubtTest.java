package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.sandbox.RecordedPurchase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 3: a purchase whose claim a dead node left behind is in doubt (Kit may have the
 * call), and stays in doubt when the next worker hands its claim back unused (its limiter was busy,
 * or its lease was lost). The purchase is looked up before it is sent, never posted blind.
 */
class HandedBackClaimKeepsItsDoubtTest extends DeliveryPromiseTestBase {
  @Test
  void aPurchaseLeftBehindByADeadNodeIsLookedUpAfterItsNextClaimWasHandedBack() {
    KitClient real = client();
    BusyOnce kit = new BusyOnce(real);
    // A limiter busy for more than parkAbove hands the claim back.
    IntegrationEngine engine =
        engine(engineBuilder(kit, "survivor").parkAbove(Duration.ofMillis(100)));
    long integration = connect(engine);
    PurchaseRules.addPurchase(engine, integration);
    engine.publisher().publish(purchase("D1", "buyer@example.com", 1));
    long actionId = log(engine, "D1").get(0).actionId();

    // A node claims the purchase, sends it (Kit records it), and dies before writing the outcome:
    // its claim stays on the row and runs out.
    ActionStore store = new ActionStore(new Jpa(emf));
    long now = System.currentTimeMillis();
    assertNotNull(store.claim(actionId, now, now + 50), "the dead node's claim");
    assertTrue(
        real.recordPurchase(KitCredential.v3Secret(secret), simplePurchase("D1")).isSuccess());
    sleep(200);

    // The survivor claims it, finds its own limiter busy and hands the claim back unused; after
    // the park it claims the action again and delivers.
    kit.busyNext.set(1);
    engine.start();
    await(
        "the purchase delivered",
        () -> !engine.log().entry(actionId).status().isOpen() && kit.busyNext.get() == 0);
    LogEntry e = engine.log().entry(actionId);
    assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    assertTrue(e.message().contains("found in Kit"), "looked up, not posted blind: " + e);
    List<RecordedPurchase> inKit = sandbox.purchases(secret);
    assertEquals(1, inKit.size(), "recorded once in Kit: " + inKit);
    assertEquals(2, e.attempts(), "the dead node's call and the look-up; the hand-back is none");
  }

  /** A client whose limiter says "busy for a second" for the next {@link #busyNext} checks. */
  static final class BusyOnce extends DelegatingKit {
    final AtomicInteger busyNext = new AtomicInteger();

    BusyOnce(KitClient d) {
      super(d);
    }

    @Override
    public Duration permitDelay(KitCredential s) {
      if (busyNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return Duration.ofSeconds(1);
      return super.permitDelay(s);
    }
  }
}

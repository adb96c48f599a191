package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.ApiSecret;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 3: a purchase whose claim a dead node left behind is in doubt (Kit may have the
 * call), and stays in doubt when the next worker hands its claim back unused (its limiter was busy,
 * or its lease was lost). The purchase is looked up before it is sent, never posted blind.
 */
class HandedBackClaimKeepsItsDoubtTest {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  String secret;
  IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    emf = TestDatabases.hsqldb();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    emf.close();
    sandbox.close();
  }

  @Test
  void aPurchaseLeftBehindByADeadNodeIsLookedUpAfterItsNextClaimWasHandedBack() {
    KitClient real = KitClient.builder().baseUrl(sandbox.baseUrl()).noRateLimit().build();
    BusyOnce kit = new BusyOnce(real);
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(kit)
            .secretKey(KEY)
            .nodeId("survivor")
            .pollInterval(Duration.ofMillis(100))
            .parkAbove(Duration.ofMillis(100))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .build();
    long integration = engine.integrations().connect("Main", secret).id();
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_PURCHASE)
                .build());
    engine.publisher().publish(purchase("D1", "buyer@example.com", 1));
    long actionId =
        engine.log().search(LogQuery.builder().reference("D1").build()).entries().get(0).actionId();

    // A node claims the purchase, sends it (Kit records it), and dies before writing the outcome:
    // its claim stays on the row and runs out.
    ActionStore store = new ActionStore(new Jpa(emf));
    long now = System.currentTimeMillis();
    assertNotNull(store.claim(actionId, now, now + 50), "the dead node's claim");
    assertTrue(
        real.recordPurchase(ApiSecret.of(secret), DeliveryPromiseTestBase.simplePurchase("D1"))
            .isSuccess());
    DeliveryPromiseTestBase.sleep(200);

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
  static final class BusyOnce extends DeliveryPromiseTestBase.DelegatingKit {
    final AtomicInteger busyNext = new AtomicInteger();

    BusyOnce(KitClient d) {
      super(d);
    }

    @Override
    public Duration permitDelay(ApiSecret s) {
      if (busyNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) return Duration.ofSeconds(1);
      return super.permitDelay(s);
    }
  }
}

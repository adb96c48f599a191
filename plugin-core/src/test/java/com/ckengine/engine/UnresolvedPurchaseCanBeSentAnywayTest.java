package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.ApiSecret;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 6: a purchase in doubt that could not be looked up within the page bound is not a
 * dead end. Its entry says which of Kit's pages were read, and offers the operator "send anyway"
 * (after checking Kit by hand), which sends it without another look-up.
 */
class UnresolvedPurchaseCanBeSentAnywayTest {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    emf = TestDatabases.hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(sandbox.baseUrl()).noRateLimit().build())
            .secretKey(KEY)
            .pollInterval(Duration.ofMillis(100))
            .retryBaseDelay(Duration.ofMillis(200))
            .retryMaxDelay(Duration.ofMillis(400))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .reconcileMaxPages(2)
            .build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
    sandbox.close();
  }

  @Test
  void aPurchaseNotFoundWithinThePageBoundSaysWhatWasReadAndCanBeSentAnyway() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long integration = engine.integrations().connect("Main", secret).id();
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_PURCHASE)
                .build());
    // 120 purchases made elsewhere: three of Kit's pages, none recorded by this integration, so no
    // floor to stop at.
    KitClient direct = KitClient.builder().baseUrl(sandbox.baseUrl()).noRateLimit().build();
    for (int i = 0; i < 120; i++) {
      assertTrue(
          direct
              .recordPurchase(
                  ApiSecret.of(secret), DeliveryPromiseTestBase.simplePurchase("OLD" + i))
              .isSuccess());
    }
    sandbox.failNext(1, 500); // the send: Kit's answer unknown, the purchase in doubt
    engine.start();
    engine.publisher().publish(purchase("U1", "buyer@example.com", 1));
    long id =
        engine.log().search(LogQuery.builder().reference("U1").build()).entries().get(0).actionId();
    await("the look-up given up", () -> !engine.log().entry(id).status().isOpen());
    LogEntry stuck = engine.log().entry(id);
    assertEquals(ActionStatus.FAILED, stuck.status(), stuck.toString());
    assertTrue(stuck.inDoubt(), stuck.toString());
    assertTrue(
        stuck.message().contains("pages 1 and 3 of Kit's 3 pages of purchases"),
        "what was checked: " + stuck.message());
    assertTrue(stuck.message().contains("Send anyway"), "what to do: " + stuck.message());
    assertTrue(stuck.canSendAnyway(), stuck.toString());
    assertEquals(120, sandbox.purchases(secret).size(), "not sent while in doubt");

    assertTrue(engine.logActions().sendAnyway(id));
    assertFalse(
        engine.logActions().sendAnyway(id), "only once, and only a FAILED purchase in doubt");
    await("sent", () -> engine.log().entry(id).status() == ActionStatus.DELIVERED);
    LogEntry sent = engine.log().entry(id);
    assertEquals("purchase U1 recorded", sent.message(), "sent without another look-up");
    assertFalse(sent.inDoubt());
    assertEquals(121, sandbox.purchases(secret).size());
    assertFalse(sent.canSendAnyway());
  }
}

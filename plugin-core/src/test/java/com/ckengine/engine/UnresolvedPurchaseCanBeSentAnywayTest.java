package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 6: a purchase in doubt that could not be looked up within the page bound is not a
 * dead end. Its entry says which of Kit's pages were read, and offers the operator "send anyway"
 * (after checking Kit by hand), which sends it without another look-up.
 */
class UnresolvedPurchaseCanBeSentAnywayTest extends DeliveryPromiseTestBase {
  @Test
  void aPurchaseNotFoundWithinThePageBoundSaysWhatWasReadAndCanBeSentAnyway() {
    // The look-up reads at most two of Kit's pages of purchases.
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a").reconcileMaxPages(2));
    long integration = connect(engine);
    PurchaseRules.addPurchase(engine, integration);
    // 120 purchases made elsewhere: three of Kit's pages, none recorded by this integration, so no
    // floor to stop at.
    KitClient direct =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .v4BaseUrl(sandbox.v4BaseUrl())
            .noRateLimit()
            .build();
    for (int i = 0; i < 120; i++) {
      assertTrue(
          direct
              .recordPurchase(KitCredential.v3Secret(secret), simplePurchase("OLD" + i))
              .isSuccess());
    }
    sandbox.failNext(1, 500); // the send: Kit's answer unknown, the purchase in doubt
    engine.start();
    engine.publisher().publish(purchase("U1", "buyer@example.com", 1));
    long id = log(engine, "U1").get(0).actionId();
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

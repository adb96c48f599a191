package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitOutcome;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, items 1 and 2: a store connects with whatever Kit gives it. A pasted V4 API key is told
 * from a V3 API Secret by asking Kit; with a key each tag is a call of its own and purchases are
 * refused with a reason; Edit replaces a V3 secret by a V4 key of the same account, keeping the
 * integration's rules and log.
 */
class V4ApiKeyConnectionTest extends DeliveryPromiseTestBase {
  @Test
  void aPastedV4KeyIsToldFromAV3SecretByAskingKit() {
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    String key = sandbox.v4ApiKey(secret);
    Integration viaKey = engine.integrations().connect("By key", key);
    assertEquals(CredentialKind.V4_API_KEY, viaKey.credentialKind());
    assertFalse(viaKey.canRecordPurchases());
    assertEquals("Shop", viaKey.accountName());
    engine.integrations().delete(viaKey.id());

    Integration viaSecret = engine.integrations().connect("By secret", secret);
    assertEquals(CredentialKind.V3_API_SECRET, viaSecret.credentialKind());
    assertTrue(viaSecret.canRecordPurchases());

    IntegrationException refused =
        assertThrows(
            IntegrationException.class, () -> engine.integrations().connect("Bad", "kit_nope"));
    assertEquals(KitOutcome.BAD_CREDENTIALS, refused.kitOutcome());
    assertTrue(
        refused.getMessage().contains("neither as a V4 API key nor as a V3 API Secret"),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("kit_nope"), refused.getMessage());
  }

  @Test
  void withAKeyEachTagIsItsOwnCallAndPurchasesAreRefusedWithAReason() throws Exception {
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
    PurchaseRules.addTag(engine, integration, "customer", "vip");
    PurchaseRules.addPurchase(engine, integration);
    engine.start();
    engine.publisher().publish(purchase("K1", "kim@example.com", 1));
    await("both actions final", () -> finalIn(engine, "K1"));
    assertEquals(
        Arrays.asList("customer", "vip"), sandbox.subscriberTags(secret, "kim@example.com"));
    LogEntry purchaseEntry = null;
    for (LogEntry e : log(engine, "K1")) {
      if (e.action() == com.ckengine.api.ActionType.ADD_PURCHASE) purchaseEntry = e;
      else assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    }
    assertNotNull(purchaseEntry);
    assertEquals(ActionStatus.FAILED, purchaseEntry.status(), purchaseEntry.toString());
    assertTrue(purchaseEntry.message().contains("OAuth"), purchaseEntry.toString());
    assertTrue(sandbox.purchases(secret).isEmpty(), "nothing recorded with a key");
  }

  @Test
  void editReplacesAV3SecretByAV4KeyOfTheSameAccountKeepingRulesAndLog() throws Exception {
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = connect(engine);
    PurchaseRules.addTag(engine, integration, "customer");
    engine.start();
    engine.publisher().publish(purchase("E1", "eve@example.com", 1));
    await("delivered with the secret", () -> finalIn(engine, "E1"));

    Integration replaced =
        engine.integrations().replaceSecret(integration, sandbox.v4ApiKey(secret));
    assertEquals(integration, replaced.id());
    assertEquals(CredentialKind.V4_API_KEY, replaced.credentialKind());
    assertEquals(1, engine.rules().list().size(), "the rules are kept");
    assertEquals(1, log(engine, "E1").size(), "the log is kept");

    engine.publisher().publish(purchase("E2", "eli@example.com", 1));
    await("delivered with the key", () -> finalIn(engine, "E2"));
    assertEquals(ActionStatus.DELIVERED, log(engine, "E2").get(0).status());
    assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(secret, "eli@example.com"));

    String other = sandbox.createAccount("Other shop", "owner@other.example");
    IntegrationException e =
        assertThrows(
            IntegrationException.class,
            () -> engine.integrations().replaceSecret(integration, sandbox.v4ApiKey(other)));
    assertTrue(e.getMessage().contains("another Kit account"), e.getMessage());
    assertEquals(
        CredentialKind.V4_API_KEY, engine.integrations().get(integration).credentialKind());
  }
}

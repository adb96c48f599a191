package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import org.junit.jupiter.api.Test;

/**
 * One integration per Kit account, and its secret stays what the operator last set: a secret of
 * another account is refused, a late 401 from a replaced secret changes nothing, and a rotated
 * encryption key still reads the stored secrets and re-encrypts them.
 */
class AccountsAndSecretsTest extends DeliveryPromiseTestBase {
  @Test
  void aKitAccountIsConnectedOnceAndASecretOfAnotherAccountIsRefused() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long id = connect(e);
    String second = sandbox.addSecret(secret);
    IntegrationException twice =
        assertThrows(IntegrationException.class, () -> e.integrations().connect("Again", second));
    assertTrue(twice.getMessage().contains("already connected as 'Main'"), twice.getMessage());

    String other = sandbox.createAccount("Other shop", "other@shop.example");
    IntegrationException foreign =
        assertThrows(IntegrationException.class, () -> e.integrations().replaceSecret(id, other));
    assertTrue(foreign.getMessage().contains("another Kit account"), foreign.getMessage());
    // A second secret of the same account may replace the first.
    assertEquals(IntegrationStatus.CONNECTED, e.integrations().replaceSecret(id, second).status());
  }

  @Test
  void aLate401FromTheOldSecretDoesNotUndoAReplacedSecret() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long id = connect(e);
    int before = secretVersion(id);
    e.integrations().replaceSecret(id, sandbox.addSecret(secret));
    // The answer to a call made before the replacement arrives now.
    e.integrations().markNeedsAttention(id, before, "Kit refused the API secret");
    assertEquals(IntegrationStatus.CONNECTED, e.integrations().get(id).status());
    e.integrations().markNeedsAttention(id, secretVersion(id), "Kit refused the API secret");
    assertEquals(IntegrationStatus.NEEDS_ATTENTION, e.integrations().get(id).status());
  }

  @Test
  void aRotatedKeyStillReadsOldSecretsAndReencryptsThem() {
    IntegrationEngine old = engine(engineBuilder(client(), "a"));
    long integration = connect(old);
    PurchaseRules.addTag(old, integration, "customer");
    old.close();
    String newKey = SecretCipher.generateKey();
    IntegrationEngine rotated =
        engine(
            engineBuilder(client(), "b")
                .secretKey(newKey)
                .previousSecretKeys(java.util.Arrays.asList(KEY)));
    rotated.start();
    rotated.publisher().publish(purchase("K1", "k@example.com", 1));
    await("delivered with the old secret", () -> finalIn(rotated, "K1"));
    assertEquals(ActionStatus.DELIVERED, log(rotated, "K1").get(0).status());
    String stored =
        new Jpa(emf).tx(em -> em.find(IntegrationEntity.class, integration).getSecretCiphertext());
    assertTrue(
        SecretCipher.fromBase64Key(newKey).isCurrent(stored), "re-encrypted with the new key");
    assertEquals(sandbox.toString().contains(secret), false, "sandbox never prints secrets");
  }

  int secretVersion(long id) {
    return new Jpa(emf).tx(em -> em.find(IntegrationEntity.class, id).getSecretVersion());
  }
}

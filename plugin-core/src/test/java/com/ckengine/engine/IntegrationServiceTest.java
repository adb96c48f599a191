package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitOutcome;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrationServiceTest {
  KitSandbox sandbox;
  EntityManagerFactory emf;
  IntegrationEngine engine;
  String secret;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Acme Store", "owner@acme.example");
    sandbox.createTag(secret, "VIP");
    emf = TestDatabases.hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .build())
            .secretKey(SecretCipher.generateKey())
            .ruleRefreshInterval(Duration.ZERO)
            .build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
    sandbox.close();
  }

  @Test
  void connectVerifiesStoresEncryptedAndCachesTags() {
    Integration i = engine.integrations().connect("  Main  ", secret);
    assertEquals("Main", i.label());
    assertEquals("Acme Store", i.accountName());
    assertEquals("owner@acme.example", i.primaryEmail());
    assertEquals(IntegrationStatus.CONNECTED, i.status());
    assertEquals(1, i.tags().size());
    assertEquals("VIP", i.tags().get(0).name());
    assertNotNull(i.tagsFetchedAt());
    assertFalse(i.toString().contains(secret));

    EntityManager em = emf.createEntityManager();
    String stored = em.find(IntegrationEntity.class, i.id()).getSecretCiphertext();
    em.close();
    assertTrue(stored.startsWith("v1:"));
    assertFalse(stored.contains(secret));
  }

  @Test
  void refusedSecretsAndTakenLabels() {
    IntegrationException e =
        assertThrows(
            IntegrationException.class,
            () -> engine.integrations().connect("Main", "wrong-secret"));
    assertEquals(KitOutcome.BAD_CREDENTIALS, e.kitOutcome());
    assertTrue(
        e.getMessage()
            .startsWith("Kit accepted this neither as a V4 API key nor as a V3 API Secret"),
        e.getMessage());
    assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    assertTrue(engine.integrations().list().isEmpty());

    // Kit down is not a refusal: the message says the secret could not be checked.
    sandbox.failNextFor(secret, 1, 503);
    e =
        assertThrows(
            IntegrationException.class, () -> engine.integrations().connect("Main", secret));
    assertEquals(KitOutcome.UNAVAILABLE, e.kitOutcome());
    assertTrue(
        e.getMessage().startsWith("Kit could not be asked about the credential"), e.getMessage());
    assertTrue(engine.integrations().list().isEmpty());

    engine.integrations().connect("Main", secret);
    e =
        assertThrows(
            IntegrationException.class, () -> engine.integrations().connect("main", secret));
    assertTrue(e.getMessage().contains("already exists"));
  }

  @Test
  void renameReplaceRefreshAndDelete() {
    Integration i = engine.integrations().connect("Main", secret);
    assertEquals("Renamed", engine.integrations().rename(i.id(), "Renamed").label());

    String rotated = sandbox.rotateSecret(secret);
    assertThrows(IntegrationException.class, () -> engine.integrations().refreshTags(i.id()));
    assertEquals(IntegrationStatus.NEEDS_ATTENTION, engine.integrations().get(i.id()).status());
    assertThrows(
        IntegrationException.class, () -> engine.integrations().replaceSecret(i.id(), "nope"));
    Integration fixed = engine.integrations().replaceSecret(i.id(), rotated);
    assertEquals(IntegrationStatus.CONNECTED, fixed.status());

    sandbox.createTag(rotated, "Buyer");
    assertEquals(2, engine.integrations().refreshTags(i.id()).tags().size());

    RuleDefinition r =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(i.id())
                    .action(ActionType.ADD_PURCHASE)
                    .build());
    assertEquals(1, engine.rules().list().size());
    engine.integrations().delete(i.id());
    assertTrue(engine.integrations().list().isEmpty());
    RuleDefinition kept = engine.rules().get(r.id());
    assertFalse(kept.isEnabled(), "its rules are kept, disabled");
    assertEquals(r.toBuilder().enabled(false).build(), kept);
    assertEquals(0, engine.rules().index().size(), "a disabled rule no longer fires");
  }

  @Test
  void theLogOpensOneEntryByItsActionId() {
    assertNull(engine.log().entry(424242L), "no such entry");
  }

  @Test
  void engineRefusesToStartWithoutAKey() {
    SecretCipher.SecretKeyException e =
        assertThrows(
            SecretCipher.SecretKeyException.class,
            () ->
                IntegrationEngine.builder()
                    .entityManagerFactory(emf)
                    .kitClient(KitClient.builder().build())
                    .build());
    assertTrue(e.getMessage().contains("No encryption key"));
  }
}

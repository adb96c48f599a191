package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitListItem;
import com.ckengine.sandbox.KitSandbox;
import java.util.Arrays;
import java.util.Collections;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's forms and sequences are cached per integration like its tags: read on connect (with
 * a v3 secret and with a V4 API key, each through its own API), read again on {@code
 * refreshFormsAndSequences}, kept as they were when Kit does not answer, and gone with the
 * integration.
 */
class FormsAndSequencesCacheTest {
  private KitSandbox sandbox;
  private EntityManagerFactory emf;
  private IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).build();
    sandbox.start();
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
            .build();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void connectingWithAV3SecretCachesTheFormsAndSequencesAndRefreshReadsThemAgain() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    long sequence = sandbox.createSequence(secret, "Welcome series");

    Integration connected = engine.integrations().connect("Main", secret);

    assertEquals(Arrays.asList(new KitListItem(form, "Newsletter sign-up")), connected.forms());
    assertEquals(Arrays.asList(new KitListItem(sequence, "Welcome series")), connected.sequences());

    long giveaway = sandbox.createForm(secret, "Giveaway");
    assertEquals(1, engine.integrations().get(connected.id()).forms().size(), "cached, not live");
    Integration refreshed = engine.integrations().refreshFormsAndSequences(connected.id());
    assertEquals(
        Arrays.asList(
            new KitListItem(giveaway, "Giveaway"), new KitListItem(form, "Newsletter sign-up")),
        refreshed.forms(),
        "by name");
  }

  @Test
  void connectingWithAV4KeyCachesThemThroughV4() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long form = sandbox.createForm(secret, "Newsletter sign-up");

    Integration connected = engine.integrations().connect("Main", sandbox.v4ApiKey(secret));

    assertEquals(Arrays.asList(new KitListItem(form, "Newsletter sign-up")), connected.forms());
    assertEquals(Collections.emptyList(), connected.sequences());
    // The sandbox's v3 side takes no V4 key: the forms came through v4.
    assertEquals(com.ckengine.kit.CredentialKind.V4_API_KEY, connected.credentialKind());
  }

  @Test
  void aRefreshKitDoesNotAnswerKeepsTheCachedListsAndSaysWhy() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    long id = engine.integrations().connect("Main", secret).id();
    sandbox.createForm(secret, "Giveaway");
    sandbox.failNext(1, 500);

    IntegrationException e =
        assertThrows(
            IntegrationException.class, () -> engine.integrations().refreshFormsAndSequences(id));

    assertTrue(e.getMessage().startsWith("Kit did not return the forms"), e.getMessage());
    assertEquals(
        Arrays.asList(new KitListItem(form, "Newsletter sign-up")),
        engine.integrations().get(id).forms());
  }

  @Test
  void deletingTheIntegrationDeletesItsCachedLists() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    sandbox.createForm(secret, "Newsletter sign-up");
    long id = engine.integrations().connect("Main", secret).id();

    engine.integrations().delete(id);

    long left =
        new com.ckengine.engine.store.Jpa(emf)
            .tx(
                em ->
                    em.createQuery(
                            "select count(t) from CachedTargetEntity t where t.integrationId = :i",
                            Long.class)
                        .setParameter("i", id)
                        .getSingleResult());
    assertEquals(0L, left);
  }
}

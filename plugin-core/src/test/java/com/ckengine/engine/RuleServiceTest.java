package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.RuleTagEntity;
import com.ckengine.kit.KitClient;
import java.time.Duration;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleServiceTest {
  EntityManagerFactory emf;
  IntegrationEngine a;
  IntegrationEngine b;
  long integrationId;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    String key = SecretCipher.generateKey();
    a =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().build())
            .secretKey(key)
            .ruleRefreshInterval(Duration.ZERO)
            .build();
    b =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().build())
            .secretKey(key)
            .ruleRefreshInterval(Duration.ZERO)
            .build();
    integrationId = TestDatabases.insertIntegration(emf, key, "Main");
  }

  @AfterEach
  void tearDown() {
    emf.close();
  }

  @Test
  void crudAndAnotherNodeSeesChangesThroughTheFingerprint() {
    assertEquals(0, b.rules().index().size());
    RuleDefinition r =
        a.rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(integrationId)
                    .action(ActionType.ADD_TAG)
                    .productId(7L)
                    .addTag(RuleTag.of("vip", 5L))
                    .addTag("buyer")
                    .build());
    assertNotNull(r.id());
    assertEquals(r, a.rules().get(r.id()));
    assertEquals(1, a.rules().listForProduct(7L).size());
    assertEquals(0, a.rules().listForProduct(8L).size());
    assertEquals(1, a.rules().listForTrigger(Trigger.PRODUCT_PURCHASED).size());
    assertEquals(1, b.rules().index().size(), "node b sees node a's new rule");

    a.rules().update(r.toBuilder().enabled(false).build());
    assertEquals(0, b.rules().index().size(), "and its change");
    a.rules().update(r);
    assertEquals(1, b.rules().index().size());

    // An edit made behind the services' back (say, by the host's admin) is seen as well.
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.persist(new RuleTagEntity(r.id(), 2, "third", null));
    em.getTransaction().commit();
    em.close();
    assertEquals(3, b.rules().get(r.id()).tags().size());
    long before = b.rules().index().version();
    assertTrue(before > 0);

    a.rules().delete(r.id());
    assertEquals(0, b.rules().index().size());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            a.rules()
                .create(
                    RuleDefinition.builder()
                        .trigger(Trigger.PRODUCT_PURCHASED)
                        .integrationId(999)
                        .action(ActionType.ADD_PURCHASE)
                        .build()));
  }
}

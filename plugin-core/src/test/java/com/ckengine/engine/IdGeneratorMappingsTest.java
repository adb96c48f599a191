package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host decides {@code hibernate.id.new_generator_mappings}; our {@code @TableGenerator}s must
 * hand out unique ids under both settings, across allocation blocks and from two factories (two
 * nodes) sharing one database.
 */
class IdGeneratorMappingsTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void uniqueIdsAcrossBlocksAndNodes(boolean newMappings) {
    Properties extra = new Properties();
    extra.put("hibernate.id.new_generator_mappings", String.valueOf(newMappings));
    String url =
        "jdbc:hsqldb:mem:ids" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc";
    EntityManagerFactory a = TestDatabases.hsqldb(url, "create", extra);
    EntityManagerFactory b = TestDatabases.hsqldb(url, "none", extra);
    String key = SecretCipher.generateKey();
    try {
      IntegrationEngine ea = engine(a, key);
      IntegrationEngine eb = engine(b, key);
      long integration = TestDatabases.insertIntegration(a, key, "Main");
      ea.rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.PRODUCT_PURCHASED)
                  .integrationId(integration)
                  .action(ActionType.ADD_TAG)
                  .addTag("customer")
                  .build());
      for (int n = 0; n < 1200; n++) {
        (n % 2 == 0 ? ea : eb)
            .publisher()
            .publish(DeliveryTestBase.purchase("I" + n, "i@example.com", 1));
      }
      EntityManager em = a.createEntityManager();
      List<Long> ids =
          em.createQuery("select a.id from ActionEntity a", Long.class).getResultList();
      List<Long> events =
          em.createQuery("select e.id from EventEntity e", Long.class).getResultList();
      em.close();
      assertEquals(1200, ids.size());
      assertEquals(1200, new HashSet<>(ids).size());
      Set<Long> e = new HashSet<>(events);
      assertEquals(1200, e.size());
    } finally {
      a.close();
      b.close();
    }
  }

  private static IntegrationEngine engine(EntityManagerFactory emf, String key) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(KitClient.builder().build())
        .secretKey(key)
        .build();
  }
}

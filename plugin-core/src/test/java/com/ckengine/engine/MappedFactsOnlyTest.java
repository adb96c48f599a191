package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ckengine.api.StoreField;
import java.util.EnumMap;
import java.util.Map;
import javax.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * An event keeps of the customer's facts (phone, address, order history) only those an integration
 * it plans for sends to Kit's custom fields: a store that maps nothing stores none of them, and a
 * mapping of three fields stores those three (and not the phone the host also gave).
 */
class MappedFactsOnlyTest extends BulkDeliveryTestBase {

  @Test
  void anEventKeepsOnlyTheFactsItsIntegrationsMap() {
    sandbox.createCustomField(secret, "Last name");
    sandbox.createCustomField(secret, "City");
    sandbox.createCustomField(secret, "Bought");
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", secret).id();
    PurchaseRules.addTag(engine, integration, picked("customer"));

    engine.publisher().publish(CustomFieldDeliveryTest.purchase("F1", "ann@example.com"));
    assertNull(storedFacts("F1"), "no mapping: no facts kept");

    Map<StoreField, String> mapping = new EnumMap<StoreField, String>(StoreField.class);
    mapping.put(StoreField.LAST_NAME, "last_name");
    mapping.put(StoreField.BILLING_CITY, "city");
    mapping.put(StoreField.PRODUCT_BOUGHT, "bought");
    engine.fieldMappings().save(integration, mapping);
    engine.publisher().publish(CustomFieldDeliveryTest.purchase("F2", "bo@example.com"));

    Map<StoreField, String> kept = EventFacts.read(storedFacts("F2"));
    assertEquals(mapping.keySet(), kept.keySet(), kept.toString());
    assertEquals("Lee", kept.get(StoreField.LAST_NAME));
    assertEquals("Lyon", kept.get(StoreField.BILLING_CITY));
  }

  private String storedFacts(String reference) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery(
              "select e.factsJson from EventEntity e where e.reference = :r", String.class)
          .setParameter("r", reference)
          .getSingleResult();
    } finally {
      em.close();
    }
  }
}

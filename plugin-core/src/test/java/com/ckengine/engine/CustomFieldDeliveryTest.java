package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.StoreField;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitCustomField;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom fields against the sandbox, per credential kind: the account's fields are read on connect
 * and on Refresh; a mapping names only fields the account has; the mapped values (the host's facts
 * and the product just bought) go with the subscriber on the calls the action already makes (v3:
 * the one tag call; v4 key: the upsert before tagging or adding to a form; OAuth: one by one with
 * the upsert, since Kit's bulk upsert takes no fields); a field Kit no longer has after a Refresh
 * is left out and the log entry says so, the action delivered once, not retried.
 */
class CustomFieldDeliveryTest extends BulkDeliveryTestBase {

  private void fieldsInKit() {
    sandbox.createCustomField(secret, "Last name");
    sandbox.createCustomField(secret, "City");
    sandbox.createCustomField(secret, "Bought");
  }

  private static Map<StoreField, String> mapping() {
    Map<StoreField, String> m = new EnumMap<StoreField, String>(StoreField.class);
    m.put(StoreField.LAST_NAME, "last_name");
    m.put(StoreField.BILLING_CITY, "city");
    m.put(StoreField.PRODUCT_BOUGHT, "bought");
    return m;
  }

  static StoreEvent purchase(String order, String email) {
    StoreEvent p = DeliveryTestBase.purchase(order, email, 5);
    return StoreEvent.builder()
        .trigger(p.trigger())
        .occurredAt(p.occurredAt())
        .email(p.email())
        .firstName(p.firstName())
        .reference(p.reference())
        .eventKey(p.eventKey())
        .currency(p.currency())
        .total(p.total())
        .lines(p.lines())
        .customerFact(StoreField.LAST_NAME, "Lee")
        .customerFact(StoreField.BILLING_CITY, "Lyon")
        .customerFact(StoreField.PHONE, "555-0100")
        .orderCount(2)
        .totalSpent(new BigDecimal("37.50"))
        .build();
  }

  private static Map<String, String> expectedInKit() {
    Map<String, String> m = new LinkedHashMap<String, String>();
    m.put("last_name", "Lee");
    m.put("city", "Lyon");
    m.put("bought", "Product 5");
    return m;
  }

  /** Connects {@code credential}, maps the fields, tags order {@code order}; Kit's requests. */
  private long tagWithFields(IntegrationEngine engine, long integration, String order) {
    engine.fieldMappings().save(integration, mapping());
    PurchaseRules.addTag(engine, integration, picked("customer"));
    engine.publisher().publish(purchase(order, "ann@example.com"));
    long before = sandbox.requestCount();
    engine.start();
    DeliveryTestBase.await("delivered", () -> finalIn(engine, order));
    LogEntry e = log(engine, order).get(0);
    assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    assertEquals(expectedInKit(), sandbox.subscriberFields(secret, "ann@example.com"));
    return sandbox.requestCount() - before;
  }

  @Test
  void theAccountsFieldsAreReadOnConnectAndOnRefresh() {
    sandbox.createCustomField(secret, "Last name");
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    Integration v3 = engine.integrations().connect("Main", secret);
    assertEquals(1, v3.customFields().size());
    KitCustomField field = v3.customFields().get(0);
    assertEquals("last_name", field.key());
    assertEquals("Last name", field.label());

    sandbox.createCustomField(secret, "City");
    Integration refreshed = engine.integrations().refreshFormsAndSequences(v3.id());
    assertEquals(2, refreshed.customFields().size());
    assertEquals("City", refreshed.customFields().get(0).label(), "by label");
  }

  @Test
  void aMappingNamesOnlyFieldsTheAccountHas() {
    fieldsInKit();
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
    Map<StoreField, String> bad = mapping();
    bad.put(StoreField.PHONE, "phone");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> engine.fieldMappings().save(integration, bad));
    assertTrue(
        e.getMessage().contains("Phone: the Kit account has no custom field 'phone'"),
        e.getMessage());
    assertTrue(engine.fieldMappings().get(integration).isEmpty(), "nothing saved");

    engine.fieldMappings().save(integration, mapping());
    assertEquals(mapping(), engine.fieldMappings().get(integration));
  }

  @Test
  void aV3SecretSendsTheFieldsOnTheOneTagCall() {
    fieldsInKit();
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", secret).id();
    assertEquals(1, tagWithFields(engine, integration, "F1"), "no extra call for the fields");
  }

  @Test
  void aV4KeySendsTheFieldsOnTheUpsertBeforeTagging() {
    fieldsInKit();
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
    assertEquals(2, tagWithFields(engine, integration, "F2"), "upsert and tag, nothing more");
  }

  @Test
  void anOAuthTokenSendsTheFieldsOnEachUpsertInsteadOfTheBulkCall() {
    fieldsInKit();
    IntegrationEngine engine = oauthEngine(client());
    engine.fieldMappings().save(integration, mapping());
    PurchaseRules.addTag(engine, integration, picked("customer"));
    engine.publisher().publish(purchase("F3", "ann@example.com"));
    engine.publisher().publish(purchase("F4", "bob@example.com"));
    engine.start();
    DeliveryTestBase.await("delivered", () -> finalIn(engine, "F3") && finalIn(engine, "F4"));
    assertEquals(ActionStatus.DELIVERED, log(engine, "F3").get(0).status());
    assertEquals(expectedInKit(), sandbox.subscriberFields(secret, "ann@example.com"));
    assertEquals(expectedInKit(), sandbox.subscriberFields(secret, "bob@example.com"));
  }

  @Test
  void aFormSubscriptionCarriesTheFields() {
    fieldsInKit();
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
    long form = sandbox.createForm(secret, "Sign-up");
    engine.fieldMappings().save(integration, mapping());
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_TO_FORM)
                .target(RuleTarget.of(form, "Sign-up"))
                .build());
    engine.publisher().publish(purchase("F5", "ann@example.com"));
    engine.start();
    DeliveryTestBase.await("delivered", () -> finalIn(engine, "F5"));
    assertEquals(ActionStatus.DELIVERED, log(engine, "F5").get(0).status());
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", form));
    assertEquals(expectedInKit(), sandbox.subscriberFields(secret, "ann@example.com"));
  }

  @Test
  void aFieldKitNoLongerHasIsLeftOutAndTheLogSaysSoWithoutRetrying() {
    fieldsInKit();
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", secret).id();
    engine.fieldMappings().save(integration, mapping());
    sandbox.deleteCustomField(secret, "city");
    engine.integrations().refreshFormsAndSequences(integration);
    PurchaseRules.addTag(engine, integration, picked("customer"));
    engine.publisher().publish(purchase("F6", "ann@example.com"));
    engine.start();
    DeliveryTestBase.await("delivered", () -> finalIn(engine, "F6"));

    LogEntry e = log(engine, "F6").get(0);
    assertEquals(ActionStatus.DELIVERED, e.status());
    assertEquals(1, e.attempts(), "not retried");
    assertTrue(
        e.message().contains("not sent: Billing city (Kit's custom field 'city' is no longer"),
        e.message());
    Map<String, String> sent = expectedInKit();
    sent.remove("city");
    assertEquals(sent, sandbox.subscriberFields(secret, "ann@example.com"));
  }
}

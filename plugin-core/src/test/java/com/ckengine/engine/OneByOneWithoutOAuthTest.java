package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.RuleTag;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Kit's bulk calls take OAuth tokens only: with a v3 API Secret or a v4 API key a backlog of Add
 * Tag actions is delivered one by one, as before (v3: one call per action; v4 key: an upsert and a
 * call per tag).
 */
class OneByOneWithoutOAuthTest extends DeliveryPromiseTestBase {

  long deliverBacklog(String credential) {
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = engine.integrations().connect("Main", credential).id();
    PurchaseRules.addTag(
        engine,
        integration,
        RuleTag.of("customer", sandbox.createTag(secret, "customer")),
        RuleTag.of("vip", sandbox.createTag(secret, "vip")));
    for (int i = 0; i < 5; i++) {
      engine
          .publisher()
          .publish(DeliveryTestBase.purchase("B" + i, "buyer" + i + "@example.com", 1));
    }
    long before = sandbox.requestCount();
    engine.start();
    DeliveryTestBase.await(
        "every action final",
        () -> {
          for (int i = 0; i < 5; i++) if (!finalIn(engine, "B" + i)) return false;
          return true;
        });
    for (int i = 0; i < 5; i++) {
      assertEquals(ActionStatus.DELIVERED, log(engine, "B" + i).get(0).status());
      assertEquals(
          Arrays.asList("customer", "vip"),
          sandbox.subscriberTags(secret, "buyer" + i + "@example.com"));
    }
    return sandbox.requestCount() - before;
  }

  @Test
  void aV3SecretTagsEachActionInOneCall() {
    assertEquals(5, deliverBacklog(secret));
  }

  @Test
  void aV4KeyUpsertsAndTagsEachActionAlone() {
    assertEquals(5 * 3, deliverBacklog(sandbox.v4ApiKey(secret)));
  }
}

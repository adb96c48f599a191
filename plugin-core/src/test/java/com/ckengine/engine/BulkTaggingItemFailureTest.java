package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * A bulk tagging call whose answer names failed items fails only those actions, each with Kit's
 * reason, and not retried (a deleted tag stays deleted, as a single tagging's 404); the other
 * actions of the same call are delivered.
 */
class BulkTaggingItemFailureTest extends BulkDeliveryTestBase {

  @Test
  void aTagDeletedInKitFailsOnlyTheActionsThatCarryIt() {
    oauthEngine(client());
    PurchaseRules.addTag(engine, integration, picked("customer"));
    RuleTag gone = picked("gone");
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_TAG)
                .productId(2L)
                .addTag(gone)
                .build());
    sandbox.deleteTag(secret, gone.kitTagId());
    for (int i = 0; i < 10; i++) {
      long product = i % 2 == 0 ? 1 : 2; // odd orders also carry the deleted tag
      engine
          .publisher()
          .publish(DeliveryTestBase.purchase("B" + i, "buyer" + i + "@example.com", product));
    }
    long before = sandbox.requestCount();

    engine.start();
    awaitFinal(10);

    assertEquals(2, sandbox.requestCount() - before, "one upsert, one tagging call");
    for (int i = 0; i < 10; i++) {
      LogEntry e = log(engine, "B" + i).get(0);
      String email = "buyer" + i + "@example.com";
      assertEquals(1, e.attempts(), e.toString());
      if (i % 2 == 0) {
        assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
        assertEquals(Collections.singletonList("customer"), sandbox.subscriberTags(secret, email));
      } else {
        assertEquals(ActionStatus.FAILED, e.status(), e.toString());
        assertTrue(e.message().startsWith("NOT_FOUND: tag " + gone.kitTagId()), e.message());
        assertTrue(e.message().contains("Tag does not exist"), e.message());
        // Its other tag was made, as a single delivery makes the tags before the failing one.
        assertEquals(Collections.singletonList("customer"), sandbox.subscriberTags(secret, email));
      }
    }
  }
}

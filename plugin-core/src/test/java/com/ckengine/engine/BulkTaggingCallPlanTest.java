package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitCredential;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 3 (bulk): with an OAuth token a backlog of Add Tag actions goes in Kit's bulk
 * calls, 100 at a time: one call creates or updates the subscribers, one call per 100 taggings tags
 * them. 250 actions of two tags: 8 requests where one by one they cost 750.
 */
class BulkTaggingCallPlanTest extends BulkDeliveryTestBase {

  @Test
  void aBacklogOf250AddTagActionsIsDeliveredInEightBulkCalls() {
    oauthEngine(client());
    assertEquals(
        CredentialKind.V4_OAUTH_TOKEN, engine.integrations().get(integration).credentialKind());
    PurchaseRules.addTag(engine, integration, picked("customer"), picked("vip"));
    publishPurchases(250, "buyer");
    long before = sandbox.requestCount();

    engine.start();
    awaitFinal(250);

    // Batches of 100, 100 and 50 actions: each 1 upsert + 1 tagging call per 100 taggings.
    long expected = (1 + 2) + (1 + 2) + (1 + 1);
    assertEquals(expected, sandbox.requestCount() - before, "the bulk plan, not 250 x 3 calls");
    for (int i = 0; i < 250; i++) {
      LogEntry e = log(engine, "B" + i).get(0);
      assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
      assertEquals(1, e.attempts(), e.toString());
      assertEquals("tagged", e.message());
      assertEquals(
          Arrays.asList("customer", "vip"),
          sandbox.subscriberTags(secret, "buyer" + i + "@example.com"));
    }
    // First names travel in the bulk upsert as in the single one.
    KitCredential token = KitCredential.oauthToken(accessToken, "test");
    assertEquals("Ann", client().findSubscriber(token, "buyer7@example.com").value().firstName());
  }
}

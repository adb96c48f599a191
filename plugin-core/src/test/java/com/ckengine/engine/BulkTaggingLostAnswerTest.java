package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.kit.KitBulkTaggings;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.Tagging;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A bulk tagging call Kit applied but whose answer was lost leaves each of its actions as a lost
 * single call leaves one: retried, its message saying Kit may have applied it. The retry tags again
 * (harmless in Kit) and each action ends DELIVERED once.
 */
class BulkTaggingLostAnswerTest extends BulkDeliveryTestBase {

  @Test
  void aLostBulkAnswerIsRetriedAndEachActionEndsDeliveredOnce() {
    AtomicInteger taggingCalls = new AtomicInteger();
    DelegatingKit kit =
        new DelegatingKit(client()) {
          @Override
          public KitResult<KitBulkTaggings> bulkTagSubscribers(
              KitCredential s, List<Tagging> taggings) {
            // The first tagging call is applied by Kit, then answered 500.
            if (taggingCalls.incrementAndGet() == 1) sandbox.failNextAfterApplying(1, 500);
            return d.bulkTagSubscribers(s, taggings);
          }
        };
    oauthEngine(kit, engineBuilder(kit, "node-a").retryBaseDelay(Duration.ofSeconds(2)));
    PurchaseRules.addTag(engine, integration, picked("customer"), picked("vip"));
    publishPurchases(5, "buyer");
    long before = sandbox.requestCount();

    engine.start();
    await(
        "every action retrying after the lost answer",
        () -> {
          for (int i = 0; i < 5; i++) {
            if (log(engine, "B" + i).get(0).status() != ActionStatus.RETRYING) return false;
          }
          return true;
        });
    assertEquals(2, sandbox.requestCount() - before, "one upsert and one tagging call for all");
    for (int i = 0; i < 5; i++) {
      LogEntry e = log(engine, "B" + i).get(0);
      assertTrue(e.message().startsWith("UNKNOWN: "), e.message());
      assertTrue(e.message().contains("Kit may or may not have applied it"), e.message());
      assertEquals(
          Arrays.asList("customer", "vip"),
          sandbox.subscriberTags(secret, "buyer" + i + "@example.com"),
          "Kit applied the call whose answer was lost");
    }
    awaitFinal(5);

    for (int i = 0; i < 5; i++) {
      LogEntry e = log(engine, "B" + i).get(0);
      assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
      assertEquals(2, e.attempts(), "the lost attempt and the retry");
      assertEquals(
          Arrays.asList("customer", "vip"),
          sandbox.subscriberTags(secret, "buyer" + i + "@example.com"));
    }
    // Each retry is due after its own jittered delay, so the retries go in one or more batches
    // (an action due alone goes by itself): how many calls they take is not fixed.
  }
}

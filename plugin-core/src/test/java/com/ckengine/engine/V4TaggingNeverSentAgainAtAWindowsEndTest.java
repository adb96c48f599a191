package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.RuleTag;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitClient;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * With a V4 API key an Add Tag is a plan of several requests (the subscriber's upsert, then one per
 * tag). Across the end of a window, with several actions in flight, each plan starts only with a
 * permit for every request, so the backlog costs exactly the calls its plans need: no upsert is
 * sent again because its tags found the window spent. Each action is one attempt.
 */
class V4TaggingNeverSentAgainAtAWindowsEndTest extends DeliveryPromiseTestBase {
  static final int ORDERS = 10;

  @Test
  void aBacklogAcrossSeveralWindowsCostsExactlyItsPlansCalls() {
    // 7 per second: two taggings of 3 a window, and one permit too few for a third.
    KitClient limited =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .v4BaseUrl(sandbox.v4BaseUrl())
            .readTimeout(Duration.ofSeconds(1))
            .callTimeout(Duration.ofSeconds(2))
            .rateLimit(CredentialKind.V4_API_KEY, 7, Duration.ofSeconds(1))
            .operatorShare(0)
            .maxRateLimitWait(Duration.ofMillis(100))
            .build();
    IntegrationEngine engine =
        engine(engineBuilder(limited, "node-a").parkAbove(Duration.ofMillis(50)));
    long integration = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
    PurchaseRules.addTag(
        engine,
        integration,
        RuleTag.of("customer", sandbox.createTag(secret, "customer")),
        RuleTag.of("vip", sandbox.createTag(secret, "vip")));
    for (int i = 0; i < ORDERS; i++) {
      engine
          .publisher()
          .publish(DeliveryTestBase.purchase("W" + i, "window" + i + "@example.com", 1));
    }
    long before = sandbox.requestCount();
    engine.start();
    DeliveryTestBase.await(
        "every action final",
        () -> {
          for (int i = 0; i < ORDERS; i++) if (!finalIn(engine, "W" + i)) return false;
          return true;
        });

    assertEquals(
        ORDERS * 3, sandbox.requestCount() - before, "an upsert and two tags per order, once");
    for (int i = 0; i < ORDERS; i++) {
      LogEntry entry = log(engine, "W" + i).get(0);
      assertEquals(ActionStatus.DELIVERED, entry.status());
      assertEquals(1, entry.attempts(), "the limiter's wait is not an attempt: " + entry);
      assertEquals(
          Arrays.asList("customer", "vip"),
          sandbox.subscriberTags(secret, "window" + i + "@example.com"));
    }
  }
}

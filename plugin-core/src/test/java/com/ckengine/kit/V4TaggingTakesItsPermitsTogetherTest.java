package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A v4 tagging (the subscriber's upsert, then a request per tag) starts only with a permit for each
 * of its requests: at a window's end it sends nothing and is throttled whole, instead of sending
 * the upsert and being cut before its tags (and sending the upsert again when it goes again).
 */
class V4TaggingTakesItsPermitsTogetherTest {
  static final KitCredential KEY = KitCredential.v4ApiKey("kit_v4key_plan");
  static final String ACCOUNT =
      "{\"user\":{\"email\":\"me@acme.test\"},\"account\":{\"id\":42,\"name\":\"Acme\","
          + "\"primary_email_address\":\"owner@acme.test\"}}";

  final FakeClock clock = new FakeClock();
  V4TestServer kit;

  /** A key's limit of {@code limit} per 60 s, the clock still, and no wait for a permit. */
  void start(int limit) throws Exception {
    kit =
        new V4TestServer(
            KitClient.builder()
                .clock(clock)
                .rateLimit(CredentialKind.V4_API_KEY, limit, Duration.ofSeconds(60))
                .operatorShare(0)
                .maxRateLimitWait(Duration.ZERO));
    for (int i = 0; i < 10; i++) kit.answer(200, subscriber("ann@example.com"));
  }

  @AfterEach
  void stop() {
    if (kit != null) kit.close();
  }

  static String subscriber(String email) {
    return "{\"subscriber\":{\"id\":555,\"first_name\":\"Ann\",\"email_address\":\""
        + email
        + "\",\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\",\"fields\":{}}}";
  }

  static TagSubscriberRequest twoTags(String email) {
    return TagSubscriberRequest.builder().email(email).addTagId(11).addTagId(12).build();
  }

  @Test
  void aTaggingTheWindowHasNoRoomForSendsNothing() throws Exception {
    start(4);
    kit.client.account(KEY); // answered with a subscriber: unreadable, but sent
    kit.client.account(KEY);
    assertEquals(2, kit.requests());

    KitResult<KitSubscription> r = kit.client.tagSubscriber(KEY, twoTags("ann@example.com"));

    assertEquals(KitOutcome.THROTTLED, r.outcome(), r.toString());
    assertTrue(r.retryAfter().toMillis() >= 59_000, "its last permit a window away: " + r);
    assertEquals(2, kit.requests(), "2 permits left, 3 needed: no upsert sent");
  }

  @Test
  void twoTaggingsWithFourPermitsLeftDoNotBothStart() throws Exception {
    start(5);
    kit.client.account(KEY);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<KitResult<KitSubscription>>> calls =
        new ArrayList<Future<KitResult<KitSubscription>>>();
    for (String email : new String[] {"ann@example.com", "bob@example.com"}) {
      calls.add(
          pool.submit(
              () -> {
                go.await();
                return kit.client.tagSubscriber(KEY, twoTags(email));
              }));
    }
    go.countDown();
    KitResult<KitSubscription> a = calls.get(0).get(10, TimeUnit.SECONDS);
    KitResult<KitSubscription> b = calls.get(1).get(10, TimeUnit.SECONDS);
    pool.shutdown();

    assertTrue(a.isSuccess() != b.isSuccess(), "one tagging done, the other waits: " + a + b);
    KitResult<KitSubscription> waiting = a.isSuccess() ? b : a;
    assertEquals(KitOutcome.THROTTLED, waiting.outcome(), waiting.toString());
    assertEquals(1 + 3, kit.requests(), "the account, then one whole tagging and nothing else");
  }
}

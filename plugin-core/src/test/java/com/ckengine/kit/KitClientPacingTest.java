package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate limiter as callers of the client meet it. */
class KitClientPacingTest {
  static final KitCredential SECRET = KitCredential.v3Secret("pacing-secret");

  final FakeClock clock = new FakeClock();
  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  KitClient.Builder builder() {
    return KitClient.builder()
        .baseUrl(server.url("/v3/").toString())
        .clock(clock)
        .rateLimit(2, Duration.ofSeconds(60))
        .maxRateLimitWait(Duration.ZERO);
  }

  void okTags(int times) {
    for (int i = 0; i < times; i++) {
      server.enqueue(new MockResponse.Builder().code(200).body("{\"tags\":[]}").build());
    }
  }

  @Test
  void aCallBeyondTheBoundIsThrottledWithoutReachingKit() {
    okTags(3);
    KitClient client = builder().build();
    assertEquals(Duration.ZERO, client.permitDelay(SECRET));
    assertTrue(client.listTags(SECRET).isSuccess());
    assertTrue(client.listTags(SECRET).isSuccess());
    clock.advance(Duration.ofSeconds(20));
    assertEquals(Duration.ofSeconds(40), client.permitDelay(SECRET));

    KitResult<?> third = client.listTags(SECRET);

    assertEquals(KitOutcome.THROTTLED, third.outcome());
    assertEquals(Duration.ofSeconds(40), third.retryAfter());
    assertEquals(0, third.httpStatus());
    assertTrue(third.isRetryable());
    assertTrue(third.message().contains("nothing sent"), third.message());
    assertEquals(2, server.getRequestCount());
    assertEquals(
        Duration.ofSeconds(40), client.permitDelay(SECRET), "the refusal reserved nothing");
  }

  @Test
  void aWriteBeyondTheBoundIsThrottledToo() {
    okTags(2);
    KitClient client = builder().build();
    client.listTags(SECRET);
    client.listTags(SECRET);

    KitResult<KitTag> result = client.createTag(SECRET, "VIP");

    assertEquals(KitOutcome.THROTTLED, result.outcome());
    assertEquals(Duration.ofSeconds(60), result.retryAfter());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void onlyThrottledResultsCarryARetryAfter() {
    okTags(1);
    server.enqueue(new MockResponse.Builder().code(429).build());
    KitClient client = builder().rateLimit(10, Duration.ofSeconds(60)).build();
    assertEquals(null, client.listTags(SECRET).retryAfter());
    KitResult<?> kit429 = client.listTags(SECRET);
    assertEquals(KitOutcome.RATE_LIMITED, kit429.outcome(), "Kit's own 429 stays RATE_LIMITED");
    assertEquals(null, kit429.retryAfter());
  }

  @Test
  void clientsFromOneBuilderShareOneBudget() {
    okTags(3);
    KitClient.Builder builder = builder();
    KitClient first = builder.build();
    KitClient second = builder.build();
    KitClient unrelated = builder().build();

    assertTrue(first.listTags(SECRET).isSuccess());
    assertTrue(second.listTags(SECRET).isSuccess());
    assertEquals(KitOutcome.THROTTLED, first.listTags(SECRET).outcome());
    assertEquals(KitOutcome.THROTTLED, second.listTags(SECRET).outcome());
    assertTrue(unrelated.listTags(SECRET).isSuccess(), "another configuration, another limiter");
  }

  @Test
  void anOperatorsCallsHaveTheirOwnShareOfTheWindow() {
    okTags(5);
    KitClient delivery = builder().rateLimit(4, Duration.ofSeconds(60)).operatorShare(1).build();
    KitClient operator = delivery.forOperator();

    assertTrue(delivery.listTags(SECRET).isSuccess());
    assertTrue(delivery.listTags(SECRET).isSuccess());
    assertTrue(delivery.listTags(SECRET).isSuccess());
    assertEquals(
        KitOutcome.THROTTLED, delivery.listTags(SECRET).outcome(), "3 of 4 are delivery's");
    assertTrue(operator.listTags(SECRET).isSuccess(), "the operator's share is still free");
    assertEquals(
        KitOutcome.THROTTLED, operator.listTags(SECRET).outcome(), "1 of 4 is the operator's");
    assertEquals(4, server.getRequestCount(), "never more than the limit in the window");
  }

  @Test
  void theDefaultShareIsAThirtiethOfTheLimit() {
    assertEquals(4, KitClient.builder().effectiveOperatorShare(), "4 of Kit's 120");
    assertEquals(
        0, KitClient.builder().rateLimit(20, Duration.ofSeconds(2)).effectiveOperatorShare());
    assertEquals(0, KitClient.builder().noRateLimit().effectiveOperatorShare());
    assertThrows(
        IllegalArgumentException.class,
        () -> KitClient.builder().rateLimit(4, Duration.ofSeconds(1)).operatorShare(4).build());
    KitClient shared = KitClient.builder().operatorShare(0).build();
    assertSame(shared, shared.forOperator(), "no split: one limiter for every call");
  }

  @Test
  void aWaitWithinTheBoundIsServedLater() {
    okTags(3);
    KitClient client = builder().maxRateLimitWait(Duration.ofMinutes(2)).build();
    long start = clock.nanoTime();
    client.listTags(SECRET);
    client.listTags(SECRET);

    assertTrue(client.listTags(SECRET).isSuccess());
    assertTrue(clock.nanoTime() - start >= TimeUnit.SECONDS.toNanos(60), "slept a window");
  }

  @Test
  void a429PausesTheSecret() {
    server.enqueue(new MockResponse.Builder().code(429).build());
    okTags(1);
    // 60 per 60 s: a first 429 pauses the secret for 1 s.
    KitClient client =
        builder()
            .rateLimit(60, Duration.ofSeconds(60))
            .operatorShare(0) // the whole window for these calls: the mean spacing is 1 s
            .maxRateLimitWait(Duration.ofMinutes(1))
            .build();
    long start = clock.nanoTime();

    assertEquals(KitOutcome.RATE_LIMITED, client.listTags(SECRET).outcome());
    assertEquals(start, clock.nanoTime());
    assertTrue(client.listTags(SECRET).isSuccess());
    assertEquals(start + TimeUnit.SECONDS.toNanos(1), clock.nanoTime());
  }

  @Test
  void noRateLimitSendsEverything() {
    okTags(5);
    KitClient client = builder().noRateLimit().build();
    for (int i = 0; i < 5; i++) assertTrue(client.listTags(SECRET).isSuccess());
    assertEquals(5, server.getRequestCount());
    assertEquals(Duration.ZERO, client.permitDelay(SECRET));
  }
}

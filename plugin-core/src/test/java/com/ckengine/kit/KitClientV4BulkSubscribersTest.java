package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.assertBody;
import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bulkUpsertSubscribers} as Kit's reference ("Bulk create subscribers") describes the call:
 * {@code POST bulk/subscribers} with the bearer token, an answer per subscriber (id, or Kit's
 * errors), OAuth only, at most 100 for a synchronous answer.
 */
class KitClientV4BulkSubscribersTest {
  static final String TOKEN_TEXT = "oauth_bulk_9f8e7d";
  static final KitCredential TOKEN = KitCredential.oauthToken(TOKEN_TEXT, "oauth:1");

  static final BulkSubscriber ANN = BulkSubscriber.of("Ann@Example.com", "Ann");
  static final BulkSubscriber BOB = BulkSubscriber.of("bob@example.com", null);
  static final BulkSubscriber BENITO = BulkSubscriber.of("benito@", "Benito");

  V4TestServer kit;

  @BeforeEach
  void start() throws Exception {
    kit = new V4TestServer();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void oneRequestUpsertsEveryoneAndTheAnswerSaysWhoGotWhichId() throws Exception {
    // Kit's example answer: a failure echoes the subscriber with its invalid email as null.
    kit.answer(
        200,
        "{\"subscribers\":[{\"id\":507,\"first_name\":\"Ann\",\"email_address\":\"ann@example.com\","
            + "\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\"},"
            + "{\"id\":508,\"first_name\":null,\"email_address\":\"bob@example.com\","
            + "\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\"}],"
            + "\"failures\":[{\"subscriber\":{\"first_name\":\"Benito\",\"email_address\":null,"
            + "\"state\":\"active\",\"created_at\":null},\"errors\":[\"Email address is invalid\"]}]}");

    KitResult<KitBulkSubscribers> r =
        kit.client.bulkUpsertSubscribers(TOKEN, Arrays.asList(ANN, BOB, BENITO));

    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/bulk/subscribers", line(request));
    assertEquals("Bearer " + TOKEN_TEXT, request.getHeaders().get("Authorization"));
    assertBody(
        "{\"subscribers\":[{\"email_address\":\"Ann@Example.com\",\"first_name\":\"Ann\"},"
            + "{\"email_address\":\"bob@example.com\"},"
            + "{\"email_address\":\"benito@\",\"first_name\":\"Benito\"}]}",
        request);
    assertEquals(1, kit.requests(), "one request for all three");
    assertTrue(r.isSuccess(), r.toString());
    assertEquals(Long.valueOf(507), r.value().resultFor(ANN).value(), "email case ignored");
    assertEquals(Long.valueOf(508), r.value().resultFor(BOB).value());
    KitResult<Long> benito = r.value().resultFor(BENITO);
    assertEquals(KitOutcome.REJECTED, benito.outcome());
    assertFalse(benito.isRetryable());
    assertEquals("Kit refused the subscriber: Email address is invalid", benito.message());
  }

  @Test
  void aSubscriberTheAnswerDoesNotNameIsUnknownNotDone() {
    kit.answer(200, "{\"subscribers\":[],\"failures\":[]}");

    KitResult<KitBulkSubscribers> r =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(BOB));

    KitResult<Long> bob = r.value().resultFor(BOB);
    assertEquals(KitOutcome.UNKNOWN, bob.outcome());
    assertTrue(bob.isRetryable(), "an upsert asked again is harmless");
  }

  @Test
  void otherCredentialsAreRefusedAtOnceWithoutARequest() {
    for (KitCredential c :
        Arrays.asList(KitCredential.v4ApiKey("kit_key_1"), KitCredential.v3Secret("secret_1"))) {
      KitResult<KitBulkSubscribers> r =
          kit.client.bulkUpsertSubscribers(c, Collections.singletonList(ANN));
      assertEquals(KitOutcome.REJECTED, r.outcome());
      assertTrue(r.message().contains("OAuth"), r.message());
      assertFalse(r.message().contains(c.reveal()));
    }
    assertEquals(0, kit.requests());
  }

  @Test
  void batchesKitWouldNotAnswerAtOnceAreAProgrammingError() {
    List<BulkSubscriber> many = new ArrayList<BulkSubscriber>();
    for (int i = 0; i <= KitClient.BULK_SYNC_LIMIT; i++) {
      many.add(BulkSubscriber.of("s" + i + "@example.com", null));
    }
    assertThrows(
        IllegalArgumentException.class, () -> kit.client.bulkUpsertSubscribers(TOKEN, many));
    assertThrows(
        IllegalArgumentException.class,
        () -> kit.client.bulkUpsertSubscribers(TOKEN, Collections.<BulkSubscriber>emptyList()));
    assertEquals(0, kit.requests());
  }

  @Test
  void a401IsBadCredentialsAndA429RetryLaterIsKitsRateLimit() {
    kit.answer(401, "{\"errors\":[\"The access token is invalid\"]}");
    kit.server.enqueue(
        new mockwebserver3.MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .body("Retry later")
            .build());

    KitResult<KitBulkSubscribers> refused =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));
    KitResult<KitBulkSubscribers> limited =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));

    assertEquals(KitOutcome.BAD_CREDENTIALS, refused.outcome());
    assertEquals("The access token is invalid", refused.message());
    assertEquals(KitOutcome.RATE_LIMITED, limited.outcome());
    assertEquals("Retry later", limited.message());
    assertTrue(limited.isRetryable());
  }

  @Test
  void a202QueuedAnswerIsUnknownAndA413FullQueueIsRetryable() {
    kit.answer(202, "{}");
    kit.answer(
        413,
        "{\"errors\":[\"This request exceeds your queued bulk requests limit. Please wait while"
            + " we process your existing requests and try again later.\"]}");

    KitResult<KitBulkSubscribers> queued =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));
    KitResult<KitBulkSubscribers> full =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));

    assertEquals(KitOutcome.UNKNOWN, queued.outcome(), "Kit may apply it later");
    assertEquals(202, queued.httpStatus());
    assertTrue(queued.message().contains("may or may not have applied"), queued.message());
    assertEquals(KitOutcome.UNAVAILABLE, full.outcome(), "nothing was taken: try again later");
    assertTrue(full.message().startsWith("This request exceeds"), full.message());
  }

  @Test
  void theTokenNeverShowsEvenWhenKitEchoesIt() {
    kit.answer(422, "{\"errors\":[\"Bad token " + TOKEN_TEXT + "\"]}");
    kit.answer(500, "{\"errors\":[\"boom " + TOKEN_TEXT + "\"]}");

    KitResult<KitBulkSubscribers> r1 =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));
    KitResult<KitBulkSubscribers> r2 =
        kit.client.bulkUpsertSubscribers(TOKEN, Collections.singletonList(ANN));

    for (KitResult<?> r : Arrays.asList(r1, r2)) {
      assertFalse(r.message().contains(TOKEN_TEXT), r.message());
      assertFalse(r.toString().contains(TOKEN_TEXT), r.toString());
    }
    assertEquals(KitOutcome.REJECTED, r1.outcome());
    assertEquals(KitOutcome.UNKNOWN, r2.outcome());
  }
}

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
 * {@code bulkTagSubscribers} as Kit's reference ("Bulk tag subscribers") describes the call: {@code
 * POST bulk/tags/subscribers} with the bearer token; the answer read per subscriber, whether Kit
 * echoes a failed tagging whole (as the sandbox does) or with the missing side null (as Kit's
 * example does); OAuth only; at most 100 for a synchronous answer.
 */
class KitClientV4BulkTaggingTest {
  static final String TOKEN_TEXT = "oauth_bulk_tag_1a2b";
  static final KitCredential TOKEN = KitCredential.oauthToken(TOKEN_TEXT, "oauth:1");

  V4TestServer kit;

  @BeforeEach
  void start() throws Exception {
    kit = new V4TestServer();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  static String tagged(long id) {
    return "{\"id\":"
        + id
        + ",\"first_name\":\"Sub\",\"email_address\":\"s"
        + id
        + "@example.com\",\"created_at\":\"2023-02-17T11:43:55Z\","
        + "\"tagged_at\":\"2023-02-17T11:43:55Z\"}";
  }

  @Test
  void oneRequestAppliesEveryTaggingAndTheAnswerSaysWhichFailedAndWhy() throws Exception {
    // 560: two tags made; 561: tag 74 missing in Kit (echoed whole); 562: its tag made.
    kit.answer(
        200,
        "{\"subscribers\":["
            + tagged(560)
            + ","
            + tagged(560)
            + ","
            + tagged(562)
            + "],\"failures\":[{\"errors\":[\"Tag does not exist\"],"
            + "\"tagging\":{\"tag_id\":74,\"subscriber_id\":561}}]}");

    KitResult<KitBulkTaggings> r =
        kit.client.bulkTagSubscribers(
            TOKEN,
            Arrays.asList(
                Tagging.of(11, 560),
                Tagging.of(12, 560),
                Tagging.of(74, 561),
                Tagging.of(11, 562)));

    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/bulk/tags/subscribers", line(request));
    assertEquals("Bearer " + TOKEN_TEXT, request.getHeaders().get("Authorization"));
    assertBody(
        "{\"taggings\":[{\"tag_id\":11,\"subscriber_id\":560},{\"tag_id\":12,\"subscriber_id\":560},"
            + "{\"tag_id\":74,\"subscriber_id\":561},{\"tag_id\":11,\"subscriber_id\":562}]}",
        request);
    assertEquals(1, kit.requests());
    KitBulkTaggings answer = r.value();
    assertTrue(answer.resultFor(560, Arrays.asList(11L, 12L)).isSuccess());
    assertEquals(2, answer.taggedCount(560));
    assertTrue(answer.resultFor(562, Collections.singletonList(11L)).isSuccess());
    KitResult<Long> failed = answer.resultFor(561, Collections.singletonList(74L));
    assertEquals(KitOutcome.NOT_FOUND, failed.outcome());
    assertFalse(failed.isRetryable(), "a deleted tag stays deleted: as a single tagging's 404");
    assertEquals("tag 74 not found in Kit: Tag does not exist", failed.message());
  }

  @Test
  void failuresEchoedWithTheMissingSideNullStillFindTheirSubscriber() {
    // Kit's own example: "Subscriber does not exist" with subscriber_id null, "Tag does not
    // exist" with tag_id null.
    kit.answer(
        200,
        "{\"subscribers\":["
            + tagged(570)
            + "],\"failures\":["
            + "{\"errors\":[\"Subscriber does not exist\"],"
            + "\"tagging\":{\"tag_id\":74,\"subscriber_id\":null}},"
            + "{\"errors\":[\"Tag does not exist\"],\"tagging\":{\"tag_id\":null,"
            + "\"subscriber_id\":571}}]}");

    KitBulkTaggings answer =
        kit.client
            .bulkTagSubscribers(
                TOKEN, Arrays.asList(Tagging.of(74, 570), Tagging.of(74, 999), Tagging.of(9, 571)))
            .value();

    assertTrue(
        answer.resultFor(570, Collections.singletonList(74L)).isSuccess(),
        "Kit confirmed 570's tagging: the null-subscriber failure is another's");
    KitResult<Long> gone = answer.resultFor(999, Collections.singletonList(74L));
    assertEquals(KitOutcome.NOT_FOUND, gone.outcome());
    assertEquals("tag 74 not found in Kit: Subscriber does not exist", gone.message());
    KitResult<Long> noTag = answer.resultFor(571, Collections.singletonList(9L));
    assertEquals(KitOutcome.NOT_FOUND, noTag.outcome());
    assertEquals("subscriber 571 not found in Kit: Tag does not exist", noTag.message());
  }

  @Test
  void otherCredentialsAreRefusedAtOnceWithoutARequest() {
    for (KitCredential c :
        Arrays.asList(KitCredential.v4ApiKey("kit_key_2"), KitCredential.v3Secret("secret_2"))) {
      KitResult<KitBulkTaggings> r =
          kit.client.bulkTagSubscribers(c, Collections.singletonList(Tagging.of(1, 2)));
      assertEquals(KitOutcome.REJECTED, r.outcome());
      assertTrue(r.message().contains("OAuth"), r.message());
      assertFalse(r.message().contains(c.reveal()));
    }
    assertEquals(0, kit.requests());
  }

  @Test
  void batchesKitWouldNotAnswerAtOnceAreAProgrammingError() {
    List<Tagging> many = new ArrayList<Tagging>();
    for (int i = 0; i <= KitClient.BULK_SYNC_LIMIT; i++) many.add(Tagging.of(1, i));
    assertThrows(IllegalArgumentException.class, () -> kit.client.bulkTagSubscribers(TOKEN, many));
    assertEquals(0, kit.requests());
  }

  @Test
  void a401IsBadCredentialsA429RetryLaterIsKitsRateLimitAndALostAnswerIsUnknown() {
    kit.answer(401, "{\"errors\":[\"The access token is invalid\"]}");
    kit.server.enqueue(
        new mockwebserver3.MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .body("Retry later")
            .build());
    kit.answer(200, "{\"subscribers\":[");
    List<Tagging> one = Collections.singletonList(Tagging.of(1, 2));

    KitResult<KitBulkTaggings> refused = kit.client.bulkTagSubscribers(TOKEN, one);
    KitResult<KitBulkTaggings> limited = kit.client.bulkTagSubscribers(TOKEN, one);
    KitResult<KitBulkTaggings> cut = kit.client.bulkTagSubscribers(TOKEN, one);

    assertEquals(KitOutcome.BAD_CREDENTIALS, refused.outcome());
    assertEquals(KitOutcome.RATE_LIMITED, limited.outcome());
    assertEquals("Retry later", limited.message());
    assertEquals(KitOutcome.UNKNOWN, cut.outcome(), "Kit may have applied them");
    assertTrue(cut.isRetryable());
  }

  @Test
  void theTokenNeverShowsEvenWhenKitEchoesIt() {
    kit.answer(
        200,
        "{\"subscribers\":[],\"failures\":[{\"errors\":[\"token "
            + TOKEN_TEXT
            + " is odd\"],\"tagging\":{\"tag_id\":1,\"subscriber_id\":2}}]}");
    kit.answer(422, "{\"errors\":[\"Bad " + TOKEN_TEXT + "\"]}");

    KitResult<KitBulkTaggings> r1 =
        kit.client.bulkTagSubscribers(TOKEN, Collections.singletonList(Tagging.of(1, 2)));
    KitResult<KitBulkTaggings> r2 =
        kit.client.bulkTagSubscribers(TOKEN, Collections.singletonList(Tagging.of(1, 2)));

    KitResult<Long> item = r1.value().resultFor(2, Collections.singletonList(1L));
    assertEquals(KitOutcome.REJECTED, item.outcome());
    assertFalse(item.message().contains(TOKEN_TEXT), item.message());
    assertFalse(r2.message().contains(TOKEN_TEXT), r2.message());
  }
}

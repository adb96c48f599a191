package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.assertBody;
import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire for each v4 operation with an API key, and how it reads Kit. */
class KitClientV4ApiKeyTest {
  static final String KEY_TEXT = "kit_v4key_9f8e7d";
  static final KitCredential KEY = KitCredential.v4ApiKey(KEY_TEXT);

  V4TestServer kit;

  @BeforeEach
  void start() throws Exception {
    kit = new V4TestServer();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  /** The key goes in its header only: never in the query, never as a bearer token. */
  static void assertKeyHeader(RecordedRequest request) {
    assertEquals(KEY_TEXT, request.getHeaders().get("X-Kit-Api-Key"));
    assertNull(request.getHeaders().get("Authorization"));
    assertNull(request.getUrl().queryParameter("api_secret"));
  }

  @Test
  void accountReadsTheAccountWithItsId() throws Exception {
    kit.answer(
        200,
        "{\"user\":{\"email\":\"me@acme.test\"},\"account\":{\"id\":42,\"name\":\"Acme\","
            + "\"plan_type\":\"creator\",\"primary_email_address\":\"owner@acme.test\"}}");

    KitResult<KitAccount> result = kit.client.account(KEY);

    RecordedRequest request = kit.taken();
    assertEquals("GET /v4/account", line(request));
    assertKeyHeader(request);
    assertEquals(new KitAccount(42L, "Acme", "owner@acme.test"), result.value());
    assertEquals(Long.valueOf(42), result.value().id());
  }

  @Test
  void listTagsReadsEveryCursorPage() throws Exception {
    kit.answer(
        200,
        "{\"tags\":[{\"id\":1,\"name\":\"Customer\",\"created_at\":\"2023-02-17T11:43:55Z\"}],"
            + "\"pagination\":{\"has_previous_page\":false,\"has_next_page\":true,"
            + "\"start_cursor\":\"WzFd\",\"end_cursor\":\"WzFd\",\"per_page\":1000}}");
    kit.answer(
        200,
        "{\"tags\":[{\"id\":2,\"name\":\"VIP\",\"created_at\":\"2023-02-18T11:43:55Z\"}],"
            + "\"pagination\":{\"has_previous_page\":true,\"has_next_page\":false,"
            + "\"start_cursor\":\"WzJd\",\"end_cursor\":\"WzJd\",\"per_page\":1000}}");

    KitResult<List<KitTag>> result = kit.client.listTags(KEY);

    RecordedRequest first = kit.taken();
    RecordedRequest second = kit.taken();
    assertEquals("GET /v4/tags?per_page=1000", line(first));
    assertEquals("GET /v4/tags?per_page=1000&after=WzFd", line(second));
    assertKeyHeader(first);
    assertKeyHeader(second);
    assertEquals(
        Arrays.asList(new KitTag(1, "Customer", null), new KitTag(2, "VIP", null)), result.value());
    assertEquals(Instant.parse("2023-02-17T11:43:55Z"), result.value().get(0).createdAt());
  }

  @Test
  void createTagPostsTheName() throws Exception {
    kit.answer(
        201,
        "{\"tag\":{\"id\":7,\"name\":\"Bought Pro\",\"created_at\":\"2023-02-17T11:43:55Z\"}}");

    KitResult<KitTag> result = kit.client.createTag(KEY, "Bought Pro");

    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/tags", line(request));
    assertKeyHeader(request);
    assertBody("{\"name\":\"Bought Pro\"}", request);
    assertEquals(new KitTag(7, "Bought Pro", null), result.value());
    assertEquals(201, result.httpStatus());
  }

  static String subscriber(long id, String email) {
    return "{\"subscriber\":{\"id\":"
        + id
        + ",\"first_name\":\"Ann\",\"email_address\":\""
        + email
        + "\",\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\",\"fields\":{}}}";
  }

  @Test
  void taggingUpsertsTheSubscriberThenTagsOneTagPerCall() throws Exception {
    kit.answer(201, subscriber(555, "ann@example.com")); // created
    kit.answer(201, subscriber(555, "ann@example.com")); // tagged
    kit.answer(200, subscriber(555, "ann@example.com")); // had it already: done too
    kit.answer(201, subscriber(555, "ann@example.com"));
    TagSubscriberRequest tagging =
        TagSubscriberRequest.builder()
            .email("ann@example.com")
            .firstName("Ann")
            .field("last_name", "Lee")
            .addTagId(11)
            .addTagId(12)
            .addTagId(13)
            .build();

    KitResult<KitSubscription> result = kit.client.tagSubscriber(KEY, tagging);

    assertTrue(result.isSuccess(), result.toString());
    assertEquals(4, kit.requests(), "3 tags: the upsert and one call per tag");
    RecordedRequest upsert = kit.taken();
    assertEquals("POST /v4/subscribers", line(upsert));
    assertKeyHeader(upsert);
    assertBody(
        "{\"email_address\":\"ann@example.com\",\"first_name\":\"Ann\","
            + "\"fields\":{\"last_name\":\"Lee\"}}",
        upsert);
    for (long tag : new long[] {11, 12, 13}) {
      RecordedRequest tagCall = kit.taken();
      assertEquals("POST /v4/tags/" + tag + "/subscribers", line(tagCall));
      assertKeyHeader(tagCall);
      assertBody("{\"email_address\":\"ann@example.com\"}", tagCall);
    }
    assertEquals(555, result.value().subscriberId());
    assertEquals("active", result.value().state());
  }

  @Test
  void aFailedTagCallEndsTheTaggingWithItsOutcome() throws Exception {
    kit.answer(200, subscriber(555, "ann@example.com"));
    kit.answer(404, "{\"errors\":[\"Not Found\"]}");
    TagSubscriberRequest tagging =
        TagSubscriberRequest.builder().email("ann@example.com").addTagId(11).addTagId(12).build();

    KitResult<KitSubscription> result = kit.client.tagSubscriber(KEY, tagging);

    assertEquals(KitOutcome.NOT_FOUND, result.outcome());
    assertEquals("tag 11 not found in Kit: Not Found", result.message());
    assertEquals(2, kit.requests(), "tag 12 was not tried");
  }

  @Test
  void removeTagDeletesByEmail() throws Exception {
    kit.answerEmpty(204);

    KitResult<KitTag> result = kit.client.removeTag(KEY, 11, "ann@example.com");

    RecordedRequest request = kit.taken();
    assertEquals("DELETE /v4/tags/11/subscribers", line(request));
    assertKeyHeader(request);
    assertBody("{\"email_address\":\"ann@example.com\"}", request);
    assertTrue(result.isSuccess(), result.toString());
    assertEquals(11, result.value().id());
    assertEquals(204, result.httpStatus());
  }

  @Test
  void removingATagFromAnEmailKitDoesNotKnowIsDone() throws Exception {
    kit.answer(404, "{\"errors\":[\"Not Found\"]}");
    kit.answer(200, "{\"subscribers\":[],\"pagination\":{\"has_next_page\":false}}");

    KitResult<KitTag> result = kit.client.removeTag(KEY, 11, "nobody@example.com");

    assertTrue(result.isSuccess(), "nothing to remove: done, as in v3: " + result);
    kit.taken();
    RecordedRequest lookUp = kit.taken();
    assertEquals("GET /v4/subscribers?email_address=nobody%40example.com&status=all", line(lookUp));
    assertKeyHeader(lookUp);
  }

  @Test
  void removingAnUnknownTagFromAKnownEmailIsNotFound() throws Exception {
    kit.answer(404, "{\"errors\":[\"Not Found\"]}");
    kit.answer(
        200,
        "{\"subscribers\":[{\"id\":555,\"first_name\":null,\"email_address\":\"ann@example.com\","
            + "\"state\":\"active\"}],\"pagination\":{\"has_next_page\":false}}");

    KitResult<KitTag> result = kit.client.removeTag(KEY, 99, "ann@example.com");

    assertEquals(KitOutcome.NOT_FOUND, result.outcome());
    assertEquals("tag 99 not found in Kit: Not Found", result.message());
  }

  @Test
  void findSubscriberLooksInEveryState() throws Exception {
    kit.answer(
        200,
        "{\"subscribers\":[{\"id\":555,\"first_name\":\"Ann\",\"email_address\":\"ann@example.com\","
            + "\"state\":\"inactive\"}],\"pagination\":{\"has_next_page\":false}}");
    kit.answer(200, "{\"subscribers\":[],\"pagination\":{\"has_next_page\":false}}");

    KitResult<KitSubscriber> found = kit.client.findSubscriber(KEY, "ann@example.com");
    KitResult<KitSubscriber> missing = kit.client.findSubscriber(KEY, "nobody@example.com");

    RecordedRequest request = kit.taken();
    assertEquals("GET /v4/subscribers?email_address=ann%40example.com&status=all", line(request));
    assertKeyHeader(request);
    assertEquals(new KitSubscriber(555, "ann@example.com", "inactive", "Ann"), found.value());
    assertEquals(KitOutcome.NOT_FOUND, missing.outcome());
  }

  @Test
  void purchasesWithAnApiKeyAreRefusedWithoutARequest() {
    Purchase purchase =
        Purchase.builder()
            .transactionId("order-1")
            .emailAddress("ann@example.com")
            .currency("USD")
            .addProduct(
                PurchaseLine.builder()
                    .pid(1)
                    .lid(1)
                    .name("Mug")
                    .sku("MUG")
                    .unitPrice(new BigDecimal("9.99"))
                    .build())
            .build();

    KitResult<KitPurchaseReceipt> recorded = kit.client.recordPurchase(KEY, purchase);
    KitResult<KitPurchasePage> listed = kit.client.listPurchases(KEY, null);

    assertEquals(0, kit.requests(), "nothing sent");
    for (KitResult<?> r : Arrays.asList(recorded, listed)) {
      assertEquals(KitOutcome.REJECTED, r.outcome());
      assertEquals(0, r.httpStatus());
      assertTrue(
          r.message().contains("Add Purchase needs an OAuth connection or a v3 API Secret"),
          r.message());
    }
  }

  @Test
  void aV3SecretStillTagsEveryTagInOneCall() throws Exception {
    kit.answer(
        200, "{\"subscription\":{\"id\":1,\"state\":\"active\",\"subscriber\":{\"id\":555}}}");
    TagSubscriberRequest tagging =
        TagSubscriberRequest.builder()
            .email("ann@example.com")
            .addTagId(11)
            .addTagId(12)
            .addTagId(13)
            .build();

    KitResult<KitSubscription> result =
        kit.client.tagSubscriber(KitCredential.v3Secret("v3-secret"), tagging);

    assertTrue(result.isSuccess(), result.toString());
    assertEquals(1, kit.requests(), "v3: one call for 3 tags");
    assertEquals("POST /v3/tags/11/subscribe", line(kit.taken()));
  }
}

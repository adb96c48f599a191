package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the client puts on the wire for each operation, and how it reads every kind of answer. */
class KitClientContractTest {
  static final String SECRET_TEXT = "sk_live_S3cr3t+/=&x";
  static final KitCredential SECRET = KitCredential.v3Secret(SECRET_TEXT);

  /** Compares JSON with amounts as written: 10.50 is not 10.5. */
  static final ObjectMapper EXACT =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  MockWebServer server;
  KitClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        KitClient.builder()
            .baseUrl(server.url("/v3/").toString())
            .readTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(request != null, "no request reached the server");
    return request;
  }

  static void assertJson(String expected, RecordedRequest request) throws Exception {
    assertEquals("application/json; charset=utf-8", request.getHeaders().get("Content-Type"));
    assertEquals(EXACT.readTree(expected), EXACT.readTree(request.getBody().utf8()));
  }

  @Test
  void accountSendsTheSecretAsQueryParameter() throws Exception {
    answer(
        200,
        "{\"name\":\"Acme\",\"plan_type\":\"creator\","
            + "\"primary_email_address\":\"owner@acme.test\"}");

    KitResult<KitAccount> result = client.account(SECRET);

    RecordedRequest request = taken();
    assertEquals("GET", request.getMethod());
    assertEquals("/v3/account", request.getUrl().encodedPath());
    assertEquals(SECRET_TEXT, request.getUrl().queryParameter("api_secret"));
    assertEquals(1, request.getUrl().querySize());
    assertTrue(result.isSuccess());
    assertEquals(200, result.httpStatus());
    assertEquals(new KitAccount("Acme", "owner@acme.test"), result.value());
  }

  @Test
  void listTagsReadsEveryTag() throws Exception {
    answer(
        200,
        "{\"tags\":[{\"id\":1,\"name\":\"Customer\",\"created_at\":\"2017-02-04T14:08:46.000Z\"},"
            + "{\"id\":2,\"name\":\"VIP\",\"created_at\":\"not a date\"}]}");

    KitResult<List<KitTag>> result = client.listTags(SECRET);

    RecordedRequest request = taken();
    assertEquals("GET", request.getMethod());
    assertEquals("/v3/tags", request.getUrl().encodedPath());
    assertEquals(SECRET_TEXT, request.getUrl().queryParameter("api_secret"));
    List<KitTag> tags = result.value();
    assertEquals(Arrays.asList(new KitTag(1, "Customer", null), new KitTag(2, "VIP", null)), tags);
    assertEquals(Instant.parse("2017-02-04T14:08:46Z"), tags.get(0).createdAt());
    assertNull(tags.get(1).createdAt());
  }

  @Test
  void createTagPostsTheNameWithTheSecretInTheBody() throws Exception {
    answer(
        200, "{\"id\":7,\"name\":\"Bought \\\"Pro\\\"\",\"created_at\":\"2024-01-02T03:04:05Z\"}");

    KitResult<KitTag> result = client.createTag(SECRET, "Bought \"Pro\"");

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/v3/tags", request.getUrl().encodedPath());
    assertNull(request.getUrl().query(), "the secret goes in the body of a POST, not the URL");
    assertJson(
        "{\"api_secret\":\""
            + jsonEscaped(SECRET_TEXT)
            + "\",\"tag\":{\"name\":\"Bought \\\"Pro\\\"\"}}",
        request);
    assertEquals(new KitTag(7, "Bought \"Pro\"", null), result.value());
  }

  @Test
  void createTagAcceptsAnArrayAnswer() throws Exception {
    answer(200, "[{\"id\":8,\"name\":\"VIP\"}]");
    assertEquals(new KitTag(8, "VIP", null), client.createTag(SECRET, "VIP").value());
  }

  @Test
  void tagSubscriberPutsTheFirstTagInThePathAndTheOthersInOneCall() throws Exception {
    answer(
        200,
        "{\"subscription\":{\"id\":555,\"state\":\"active\",\"created_at\":\"2024-01-01T00:00:00Z\","
            + "\"subscribable_id\":11,\"subscribable_type\":\"tag\",\"subscriber\":{\"id\":99}}}");
    TagSubscriberRequest tagging =
        TagSubscriberRequest.builder()
            .email("ann@example.com")
            .firstName("Ann")
            .addTagId(11)
            .addTagId(12)
            .addTagId(13)
            .addTagId(12)
            .field("phone", "+1 555")
            .build();

    KitResult<KitSubscription> result = client.tagSubscriber(SECRET, tagging);

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/v3/tags/11/subscribe", request.getUrl().encodedPath());
    assertJson(
        "{\"api_secret\":\""
            + jsonEscaped(SECRET_TEXT)
            + "\",\"email\":\"ann@example.com\","
            + "\"first_name\":\"Ann\",\"fields\":{\"phone\":\"+1 555\"},\"tags\":[12,13]}",
        request);
    assertEquals(1, server.getRequestCount());
    assertEquals(new KitSubscription(555, "active", 99), result.value());
  }

  @Test
  void tagSubscriberWithOneTagAndNoNameSendsOnlyTheEmail() throws Exception {
    answer(200, "{\"subscription\":{\"id\":1,\"state\":\"active\",\"subscriber\":{\"id\":2}}}");

    client.tagSubscriber(
        SECRET, TagSubscriberRequest.builder().email("b@example.com").addTagId(5).build());

    RecordedRequest request = taken();
    assertEquals("/v3/tags/5/subscribe", request.getUrl().encodedPath());
    assertJson(
        "{\"api_secret\":\"" + jsonEscaped(SECRET_TEXT) + "\",\"email\":\"b@example.com\"}",
        request);
  }

  @Test
  void removeTagPostsTheEmailToUnsubscribe() throws Exception {
    answer(200, "{\"id\":11,\"name\":\"Customer\",\"created_at\":\"2024-01-01T00:00:00Z\"}");

    KitResult<KitTag> result = client.removeTag(SECRET, 11, "ann@example.com");

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/v3/tags/11/unsubscribe", request.getUrl().encodedPath());
    assertJson(
        "{\"api_secret\":\"" + jsonEscaped(SECRET_TEXT) + "\",\"email\":\"ann@example.com\"}",
        request);
    assertEquals(new KitTag(11, "Customer", null), result.value());
  }

  @Test
  void recordPurchaseSendsTheWholePurchaseWithExactMoney() throws Exception {
    answer(200, "{\"id\":4242,\"transaction_id\":\"order-17\",\"status\":\"paid\"}");
    Purchase purchase =
        Purchase.builder()
            .transactionId("order-17")
            .emailAddress("ann@example.com")
            .firstName("Ann")
            .currency("usd")
            .transactionTime(Instant.parse("2024-05-01T10:15:30Z"))
            .subtotal(new BigDecimal("1234567.10"))
            .tax(new BigDecimal("0.07"))
            .shipping(new BigDecimal("5.00"))
            .discount(new BigDecimal("1E+1"))
            .total(new BigDecimal("1234562.17"))
            .addProduct(
                PurchaseLine.builder()
                    .pid(100)
                    .lid(1)
                    .name("Widget")
                    .sku("W-1")
                    .unitPrice(new BigDecimal("0.10"))
                    .quantity(3)
                    .build())
            .addProduct(
                PurchaseLine.builder()
                    .pid(100)
                    .lid(2)
                    .name("Widget, blue")
                    .sku("W-1-B")
                    .unitPrice(new BigDecimal("1234566.80"))
                    .quantity(1)
                    .build())
            .build();

    KitResult<KitPurchaseReceipt> result = client.recordPurchase(SECRET, purchase);

    RecordedRequest request = taken();
    assertEquals("POST", request.getMethod());
    assertEquals("/v3/purchases", request.getUrl().encodedPath());
    assertJson(
        "{\"api_secret\":\""
            + jsonEscaped(SECRET_TEXT)
            + "\",\"purchase\":{"
            + "\"transaction_id\":\"order-17\",\"email_address\":\"ann@example.com\","
            + "\"first_name\":\"Ann\",\"currency\":\"USD\","
            + "\"transaction_time\":\"2024-05-01T10:15:30Z\","
            + "\"subtotal\":1234567.10,\"tax\":0.07,\"shipping\":5.00,\"discount\":10,"
            + "\"total\":1234562.17,\"status\":\"paid\",\"products\":["
            + "{\"pid\":100,\"lid\":1,\"name\":\"Widget\",\"sku\":\"W-1\",\"unit_price\":0.10,\"quantity\":3},"
            + "{\"pid\":100,\"lid\":2,\"name\":\"Widget, blue\",\"sku\":\"W-1-B\","
            + "\"unit_price\":1234566.80,\"quantity\":1}]}}",
        request);
    // Written as plain decimals, digit for digit.
    String raw = request.getBody().utf8();
    assertTrue(raw.contains("\"subtotal\":1234567.10,"), raw);
    assertTrue(raw.contains("\"discount\":10,"), raw);
    assertEquals(new KitPurchaseReceipt(4242, "order-17"), result.value());
  }

  @Test
  void recordPurchaseLeavesOutUnknownAmounts() throws Exception {
    answer(200, "{\"id\":1,\"transaction_id\":\"t\"}");
    client.recordPurchase(
        SECRET,
        Purchase.builder()
            .transactionId("t")
            .emailAddress("a@b.test")
            .currency("EUR")
            .addProduct(
                PurchaseLine.builder()
                    .pid(1)
                    .lid(1)
                    .name("n")
                    .sku("s")
                    .unitPrice(BigDecimal.ONE)
                    .build())
            .build());

    JsonNode purchase = EXACT.readTree(taken().getBody().utf8()).get("purchase");
    for (String absent :
        new String[] {
          "first_name", "transaction_time", "subtotal", "tax", "shipping", "discount", "total"
        }) {
      assertFalse(purchase.has(absent), absent);
    }
  }

  @ParameterizedTest(name = "{0} -> read {1}, write {2}")
  @CsvSource({
    "400, REJECTED, REJECTED",
    "401, BAD_CREDENTIALS, BAD_CREDENTIALS",
    "403, SUBSCRIBER_LIMIT, SUBSCRIBER_LIMIT",
    "404, NOT_FOUND, NOT_FOUND",
    "408, UNAVAILABLE, UNAVAILABLE",
    "409, REJECTED, REJECTED",
    "422, REJECTED, REJECTED",
    "429, RATE_LIMITED, RATE_LIMITED",
    "500, UNAVAILABLE, UNKNOWN",
    "502, UNAVAILABLE, UNKNOWN",
    "503, UNAVAILABLE, UNKNOWN",
  })
  void errorStatusesMapToOutcomesAndKeepKitsMessage(int status, KitOutcome read, KitOutcome write) {
    String body = "{\"error\":\"Some error\",\"message\":\"Kit says " + status + "\"}";
    answer(status, body);
    answer(status, body);

    KitResult<List<KitTag>> readResult = client.listTags(SECRET);
    KitResult<KitTag> writeResult = client.removeTag(SECRET, 31, "ann@example.com");

    assertEquals(read, readResult.outcome());
    assertEquals(write, writeResult.outcome());
    for (KitResult<?> result : Arrays.asList(readResult, writeResult)) {
      assertEquals(status, result.httpStatus());
      assertFalse(result.isSuccess());
      assertTrue(result.message().contains("Kit says " + status), result.message());
      assertThrows(IllegalStateException.class, result::value);
    }
    assertEquals(status == 429 || status >= 500 || status == 408, writeResult.isRetryable());
    if (write == KitOutcome.UNKNOWN) {
      assertTrue(writeResult.message().endsWith("Kit may or may not have applied it"));
    }
  }

  @Test
  void notFoundSaysWhichEntity() {
    answer(
        404,
        "{\"error\":\"Not Found\",\"message\":\"The entity you were trying to find doesn't exist\"}");
    KitResult<KitSubscription> result =
        client.tagSubscriber(
            SECRET, TagSubscriberRequest.builder().email("a@b.test").addTagId(31).build());
    assertEquals(KitOutcome.NOT_FOUND, result.outcome());
    assertEquals(
        "tag 31 not found in Kit: The entity you were trying to find doesn't exist",
        result.message());
  }

  @Test
  void unauthorizedIsBadCredentials() {
    answer(401, "{\"error\":\"Authorization Failed\",\"message\":\"API Key not valid\"}");
    KitResult<KitAccount> result = client.account(SECRET);
    assertEquals(KitOutcome.BAD_CREDENTIALS, result.outcome());
    assertEquals("API Key not valid", result.message());
    assertFalse(result.isRetryable());
  }

  @Test
  void tooManyRequestsWithoutBodyIsRateLimited() {
    server.enqueue(new MockResponse.Builder().code(429).build());
    KitResult<List<KitTag>> result = client.listTags(SECRET);
    assertEquals(KitOutcome.RATE_LIMITED, result.outcome());
    assertEquals(429, result.httpStatus());
    assertEquals("HTTP 429", result.message());
  }

  @Test
  void errorWithHtmlBodyKeepsTheStatus() {
    answer(502, "<html><body>Bad gateway</body></html>");
    KitResult<List<KitTag>> result = client.listTags(SECRET);
    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals("HTTP 502", result.message());
  }

  @Test
  void successWithABodyThatIsNotJsonIsUnavailable() {
    answer(200, "<html>maintenance</html>");
    KitResult<KitAccount> result = client.account(SECRET);
    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(200, result.httpStatus());
    assertTrue(result.isRetryable());
  }

  @Test
  void aWriteAnsweredWithJsonOfTheWrongShapeIsUnknown() {
    answer(200, "{\"subscription\":{\"state\":\"active\"}}");
    KitResult<KitSubscription> result =
        client.tagSubscriber(
            SECRET, TagSubscriberRequest.builder().email("a@b.test").addTagId(1).build());
    assertEquals(KitOutcome.UNKNOWN, result.outcome());
    assertEquals(200, result.httpStatus());
  }

  @Test
  void aReadAnsweredWithJsonOfTheWrongShapeIsUnavailable() {
    answer(200, "{\"tagz\":[]}");
    assertEquals(KitOutcome.UNAVAILABLE, client.listTags(SECRET).outcome());
  }

  @Test
  void slowAnswerTimesOutAsUnavailable() {
    KitClient impatient =
        KitClient.builder()
            .baseUrl(server.url("/v3/").toString())
            .readTimeout(Duration.ofMillis(200))
            .build();
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"tags\":[]}")
            .headersDelay(3, TimeUnit.SECONDS)
            .build());

    long start = System.nanoTime();
    KitResult<List<KitTag>> result = impatient.listTags(SECRET);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(0, result.httpStatus());
    assertTrue(result.message().contains("in time"), result.message());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void anAnswerLongerThanTheBoundIsNotReadWhole() {
    KitClient bounded =
        KitClient.builder().baseUrl(server.url("/v3/").toString()).maxAnswerBytes(1024).build();
    String tags = tagsAnswerOfAtLeast(4096);
    // Once with its length announced, once chunked (the length known only by reading it).
    server.enqueue(new MockResponse.Builder().code(200).body(tags).build());
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(tags, 256).build());

    for (int i = 0; i < 2; i++) {
      KitResult<List<KitTag>> result = bounded.listTags(SECRET);
      assertEquals(KitOutcome.UNAVAILABLE, result.outcome(), result.toString());
      assertTrue(result.message().contains("longer than 1024 bytes"), result.message());
    }

    // A write answered at length may have been applied: unknown, never a plain failure.
    server.enqueue(new MockResponse.Builder().code(200).body(tags).build());
    KitResult<KitSubscription> write =
        bounded.tagSubscriber(
            SECRET, TagSubscriberRequest.builder().email("a@b.test").addTagId(1).build());
    assertEquals(KitOutcome.UNKNOWN, write.outcome(), write.toString());

    // Within the bound the same client reads as usual.
    answer(200, "{\"tags\":[{\"id\":7,\"name\":\"vip\"}]}");
    assertEquals(1, bounded.listTags(SECRET).value().size());
  }

  private static String tagsAnswerOfAtLeast(int bytes) {
    StringBuilder json = new StringBuilder("{\"tags\":[");
    for (int id = 1; json.length() < bytes; id++) {
      if (id > 1) json.append(',');
      json.append("{\"id\":").append(id).append(",\"name\":\"tag ").append(id).append("\"}");
    }
    return json.append("]}").toString();
  }

  @Test
  void callTimeoutBoundsATrickle() {
    KitClient bounded =
        KitClient.builder()
            .baseUrl(server.url("/v3/").toString())
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofMillis(500))
            .build();
    // One byte every 100 ms never trips the read timeout, only the call timeout.
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"tags\":[                    ]}")
            .throttleBody(1, 100, TimeUnit.MILLISECONDS)
            .build());

    long start = System.nanoTime();
    KitResult<List<KitTag>> result = bounded.listTags(SECRET);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500));
  }

  @Test
  void refusedConnectionIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KitClient nowhere =
        KitClient.builder()
            .baseUrl("http://127.0.0.1:" + closedPort + "/v3/")
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    KitResult<KitAccount> result = nowhere.account(SECRET);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(0, result.httpStatus());
    assertTrue(result.message().startsWith("cannot reach Kit"), result.message());
  }

  @Test
  void baseUrlWithoutTrailingSlashStillResolvesUnderIt() throws Exception {
    KitClient c = KitClient.builder().baseUrl(server.url("/v3").toString()).build();
    answer(200, "{\"tags\":[]}");
    c.listTags(SECRET);
    assertEquals("/v3/tags", taken().getUrl().encodedPath());
  }

  static String jsonEscaped(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}

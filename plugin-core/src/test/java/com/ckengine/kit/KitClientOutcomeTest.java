package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the client reads answers where "did Kit act?" matters: unknown outcomes of writes, bodies
 * with an {@code error}, redirects, and the base URLs it accepts.
 */
class KitClientOutcomeTest {
  static final String SECRET_TEXT = "sk_outcome_9d1e+/=&y";
  static final KitCredential SECRET = KitCredential.v3Secret(SECRET_TEXT);

  MockWebServer server;
  KitClient client;

  /** Every call the client makes, each with a valid request. */
  enum Call {
    ACCOUNT(false, c -> c.account(SECRET)),
    LIST_TAGS(false, c -> c.listTags(SECRET)),
    LIST_PURCHASES(false, c -> c.listPurchases(SECRET, null)),
    CREATE_TAG(true, c -> c.createTag(SECRET, "VIP")),
    TAG_SUBSCRIBER(
        true,
        c ->
            c.tagSubscriber(
                SECRET, TagSubscriberRequest.builder().email("a@b.test").addTagId(7).build())),
    REMOVE_TAG(true, c -> c.removeTag(SECRET, 7, "a@b.test")),
    RECORD_PURCHASE(true, c -> c.recordPurchase(SECRET, purchase("order-1")));

    final boolean write;
    final Function<KitClient, KitResult<?>> call;

    Call(boolean write, Function<KitClient, KitResult<?>> call) {
      this.write = write;
      this.call = call;
    }

    KitResult<?> on(KitClient client) {
      return call.apply(client);
    }
  }

  static Purchase purchase(String transactionId) {
    return Purchase.builder()
        .transactionId(transactionId)
        .emailAddress("a@b.test")
        .currency("USD")
        .addProduct(
            PurchaseLine.builder()
                .pid(1)
                .lid(1)
                .name("Mug")
                .sku("MUG")
                .unitPrice(BigDecimal.TEN)
                .build())
        .build();
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = builder().build();
  }

  KitClient.Builder builder() {
    return KitClient.builder()
        .baseUrl(server.url("/v3/").toString())
        .readTimeout(Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  // ---- unknown: a write that may have reached Kit ------------------------------------------

  @ParameterizedTest
  @EnumSource(Call.class)
  void aTimeoutAfterSendingIsUnknownForWritesAndUnavailableForReads(Call call) {
    server.enqueue(
        new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());

    KitResult<?> result = call.on(client);

    assertEquals(call.write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(0, result.httpStatus());
    assertTrue(result.message().startsWith("Kit did not answer in time"), result.message());
    assertTrue(result.isRetryable());
    assertEquals(1, server.getRequestCount(), "the request did reach the server");
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void aConnectionLostAfterSendingIsUnknownForWrites(Call call) {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    KitResult<?> result = call.on(client);

    assertEquals(call.write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(0, result.httpStatus());
    assertEquals(1, server.getRequestCount(), "not sent again (a fresh connection failed)");
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void aTwoHundredThatCannotBeReadIsUnknownForWrites(Call call) {
    answer(200, "<html><body>maintenance</body></html>");

    KitResult<?> result = call.on(client);

    assertEquals(call.write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(200, result.httpStatus());
    assertTrue(result.message().startsWith("unreadable answer from Kit"), result.message());
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void aBodyCutShortIsUnknownForWrites(Call call) {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"id\":1,\"name\":\"VIP\",\"tags\":[],\"purchases\":[]}")
            .onResponseBody(new SocketEffect.CloseSocket())
            .build());

    KitResult<?> result = call.on(client);

    assertEquals(call.write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE, result.outcome());
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void nothingSentWhenTheConnectionIsRefused(Call call) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    KitClient nowhere =
        KitClient.builder().baseUrl("http://127.0.0.1:" + closedPort + "/v3/").build();

    KitResult<?> result = call.on(nowhere);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertTrue(result.message().startsWith("cannot reach Kit"), result.message());
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void anInterruptDuringTheCallIsUnknownForWritesAndTheThreadStaysInterrupted(Call call)
      throws Exception {
    answer(200, "{\"id\":1,\"name\":\"VIP\"}");
    // The caller is interrupted just as its request goes out (as at shutdown).
    OkHttpClient interrupting =
        new OkHttpClient.Builder()
            .addNetworkInterceptor(
                chain -> {
                  Thread.currentThread().interrupt();
                  return chain.proceed(chain.request());
                })
            .build();
    KitClient kit = builder().okHttpClient(interrupting).build();
    CompletableFuture<Object[]> done = new CompletableFuture<Object[]>();
    Thread thread =
        new Thread(
            () -> {
              KitResult<?> result = call.on(kit);
              done.complete(new Object[] {result, Thread.currentThread().isInterrupted()});
            });
    thread.start();

    Object[] outcome = done.get(10, TimeUnit.SECONDS);

    KitResult<?> result = (KitResult<?>) outcome[0];
    assertEquals(
        call.write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE,
        result.outcome(),
        result.toString());
    assertTrue((Boolean) outcome[1], "the interrupt is not swallowed");
  }

  @Test
  void anInterruptBeforeAPermitSendsNothing() throws Exception {
    KitClient paced =
        builder()
            .rateLimit(1, Duration.ofMinutes(1))
            .maxRateLimitWait(Duration.ofMinutes(2))
            .build();
    answer(200, "{\"tags\":[]}");
    assertTrue(paced.listTags(SECRET).isSuccess());
    CompletableFuture<KitResult<?>> done = new CompletableFuture<KitResult<?>>();
    Thread thread =
        new Thread(() -> done.complete(paced.recordPurchase(SECRET, purchase("order-2"))));
    thread.start();
    Thread.sleep(200);
    thread.interrupt();

    KitResult<?> result = done.get(10, TimeUnit.SECONDS);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome(), "waiting for a permit, nothing sent");
    assertEquals(1, server.getRequestCount());
  }

  // ---- bodies with an error ------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 400, 404, 422, 500})
  void tagNotFoundIsNotFoundWhateverTheStatus(int status) {
    answer(status, "{\"error\":\"Tag not found\"}");

    KitResult<?> result = Call.TAG_SUBSCRIBER.on(client);

    assertEquals(KitOutcome.NOT_FOUND, result.outcome());
    assertEquals(status, result.httpStatus());
    assertEquals("tag 7 not found in Kit: Tag not found", result.message());
    assertFalse(result.isRetryable());
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void anErrorKeyOnATwoHundredIsAFailure(Call call) {
    answer(200, "{\"error\":\"Something went wrong\",\"message\":\"Kit refused it\"}");

    KitResult<?> result = call.on(client);

    assertEquals(KitOutcome.REJECTED, result.outcome());
    assertEquals("Kit refused it", result.message());
  }

  @Test
  void removingATagFromAnEmailKitDoesNotKnowIsSuccess() {
    // Kit answers the tag as for anyone; an empty object (no error) counts as done too.
    answer(200, "{\"id\":7,\"name\":\"Customer\",\"created_at\":\"2024-01-01T00:00:00Z\"}");
    answer(200, "{}");

    KitResult<KitTag> tag = client.removeTag(SECRET, 7, "nobody@example.com");
    KitResult<KitTag> empty = client.removeTag(SECRET, 7, "nobody@example.com");

    assertEquals(new KitTag(7, "Customer", null), tag.value());
    assertTrue(empty.isSuccess(), empty.toString());
    assertEquals(7, empty.value().id());
  }

  // ---- redirects -----------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Call.class)
  void aRedirectIsNotFollowedAndTheSecretGoesNowhere(Call call) throws Exception {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start();
      String encoded = URLEncoder.encode(SECRET_TEXT, StandardCharsets.UTF_8.name());
      server.enqueue(
          new MockResponse.Builder()
              .code(call.write ? 307 : 301)
              .setHeader("Location", elsewhere.url("/v3/moved?api_secret=" + encoded))
              .build());

      KitResult<?> result = call.on(client);

      assertEquals(KitOutcome.REJECTED, result.outcome());
      assertFalse(result.isRetryable());
      assertTrue(result.message().contains("not followed"), result.message());
      assertTrue(result.message().contains("check the Kit base URL"), result.message());
      assertFalse(result.message().contains("api_secret"), result.message());
      assertEquals(1, server.getRequestCount());
      assertEquals(0, elsewhere.getRequestCount(), "nothing went to the redirect's target");
    }
  }

  // ---- base URLs -----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://api.convertkit.com/v3/",
        "http://10.0.0.5:8089/v3/",
        "http://127.evil.example/v3/",
        "http://localhost.evil.example/v3/"
      })
  void plainHttpIsRefusedOutsideLoopback(String url) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KitClient.builder().baseUrl(url));
    assertTrue(e.getMessage().startsWith("Kit base URL must use https"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.convertkit.com/v3/",
        "http://localhost:8089/v3/",
        "http://127.0.0.1:8089/v3/",
        "http://127.1.2.3/v3/",
        "http://[::1]:8089/v3/"
      })
  void httpsAndLoopbackAreAccepted(String url) {
    assertTrue(KitClient.builder().baseUrl(url).build().toString().contains("/v3/"));
  }

  @Test
  void aBaseUrlThatIsNotAUrlIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> KitClient.builder().baseUrl("api.convertkit.com"));
    assertEquals("Kit base URL is not an http(s) URL: api.convertkit.com", e.getMessage());
  }

  // ---- results -------------------------------------------------------------------------------

  @Test
  void resultFactoriesKeepRetryAfterForThrottledOnly() {
    assertEquals(
        Duration.ofSeconds(3), KitResult.throttled(Duration.ofSeconds(3), "wait").retryAfter());
    assertEquals(Duration.ZERO, KitResult.failure(KitOutcome.THROTTLED, 0, "wait").retryAfter());
    assertNull(KitResult.failure(KitOutcome.UNKNOWN, 0, "?").retryAfter());
    assertNull(KitResult.success("x", 200).retryAfter());
    assertTrue(KitOutcome.UNKNOWN.isRetryable());
    assertTrue(KitOutcome.THROTTLED.isRetryable());
  }

  @Test
  void aListedPageIsRead() throws Exception {
    answer(
        200,
        "{\"total_purchases\":51,\"page\":2,\"total_pages\":2,\"purchases\":["
            + "{\"id\":9051,\"transaction_id\":\"order-51\",\"status\":\"paid\","
            + "\"email_address\":\"a@b.test\",\"products\":[]}]}");

    KitResult<KitPurchasePage> result = client.listPurchases(SECRET, "2");

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET", request.getMethod());
    assertEquals("/v3/purchases", request.getUrl().encodedPath());
    assertEquals(SECRET_TEXT, request.getUrl().queryParameter("api_secret"));
    assertEquals("2", request.getUrl().queryParameter("page"));
    KitPurchasePage page = result.value();
    assertEquals(2, page.page());
    assertEquals(2, page.totalPages());
    assertEquals(51, page.totalPurchases());
    List<KitPurchaseReceipt> purchases = page.purchases();
    assertEquals(1, purchases.size());
    assertEquals(new KitPurchaseReceipt(9051, "order-51"), purchases.get(0));
    assertEquals(purchases.get(0), page.find("order-51"));
    assertNull(page.find("order-50"));
    assertThrows(IllegalArgumentException.class, () -> client.listPurchases(SECRET, "0"));
  }

  @Test
  void theIntegrationNameGoesInThePurchase() throws Exception {
    answer(200, "{\"id\":1,\"transaction_id\":\"order-1\"}");
    Purchase named =
        Purchase.builder()
            .transactionId("order-1")
            .emailAddress("a@b.test")
            .currency("USD")
            .integration("CK Engine for Broadleaf")
            .addProduct(purchase("x").products().get(0))
            .build();

    assertTrue(client.recordPurchase(SECRET, named).isSuccess());

    String body = server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8();
    assertTrue(body.contains("\"integration\":\"CK Engine for Broadleaf\""), body);
    assertEquals("CK Engine for Broadleaf", named.integration());
    assertNull(purchase("y").integration());
    assertFalse(named.equals(purchase("order-1")));
  }
}

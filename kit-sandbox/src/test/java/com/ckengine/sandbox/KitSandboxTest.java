package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox speaks Kit's v3 API: shapes, credentials, errors, limits, faults, page. */
class KitSandboxTest {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  final HttpClient http = HttpClient.newHttpClient();

  KitSandbox sandbox;
  String secret;
  String root;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().port(0).rateLimit(20, Duration.ofSeconds(60)).build().start();
    secret = sandbox.createAccount("Acme <Store>", "owner@acme.test");
    root = "http://localhost:" + sandbox.port();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return send(root, method, path, body);
  }

  HttpResponse<String> send(String root, String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(5));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode ok(HttpResponse<String> response) throws Exception {
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  @Test
  void baseUrlNamesLocalhostAndV3() {
    assertEquals("http://localhost:" + sandbox.port() + "/v3/", sandbox.baseUrl());
  }

  @Test
  void accountWithTheSecretInTheQuery() throws Exception {
    JsonNode account = ok(send("GET", "/v3/account?api_secret=" + secret, null));
    assertEquals("Acme <Store>", account.get("name").asText());
    assertEquals("owner@acme.test", account.get("primary_email_address").asText());
  }

  @Test
  void missingAndWrongSecretsAreRefusedInKitsWords() throws Exception {
    HttpResponse<String> missing = send("GET", "/v3/account", null);
    assertEquals(401, missing.statusCode());
    assertEquals(
        JSON.readTree("{\"error\":\"Authorization Failed\",\"message\":\"API Key not present\"}"),
        JSON.readTree(missing.body()));
    HttpResponse<String> wrong = send("GET", "/v3/tags?api_secret=nope", null);
    assertEquals(401, wrong.statusCode());
    assertEquals("API Key not valid", JSON.readTree(wrong.body()).get("message").asText());
  }

  @Test
  void tagsAreCreatedListedAndTaggedInOneCall() throws Exception {
    JsonNode customer =
        ok(
            send(
                "POST",
                "/v3/tags",
                "{\"api_secret\":\"" + secret + "\",\"tag\":{\"name\":\"Customer\"}}"));
    JsonNode many =
        ok(
            send(
                "POST",
                "/v3/tags",
                "{\"api_secret\":\""
                    + secret
                    + "\",\"tag\":[{\"name\":\"VIP\"},{\"name\":\"Gold\"}]}"));
    assertEquals(2, many.size());
    long c = customer.get("id").asLong();
    long vip = many.get(0).get("id").asLong();
    long gold = many.get(1).get("id").asLong();

    JsonNode tags = ok(send("GET", "/v3/tags?api_secret=" + secret, null)).get("tags");
    assertEquals(3, tags.size());
    assertEquals("Customer", tags.get(0).get("name").asText());
    assertTrue(tags.get(0).has("created_at"));

    sandbox.createCustomField(secret, "Phone");
    JsonNode subscription =
        ok(send(
                "POST",
                "/v3/tags/" + c + "/subscribe",
                "{\"api_secret\":\""
                    + secret
                    + "\",\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
                    + "\"fields\":{\"phone\":\"555\"},\"tags\":["
                    + vip
                    + ","
                    + gold
                    + "]}"))
            .get("subscription");
    assertEquals("active", subscription.get("state").asText());
    assertEquals(c, subscription.get("subscribable_id").asLong());
    assertEquals("tag", subscription.get("subscribable_type").asText());
    long subscriberId = subscription.get("subscriber").get("id").asLong();
    assertEquals(
        Arrays.asList("Customer", "VIP", "Gold"),
        sandbox.subscriberTags(secret, "ann@example.com"));

    JsonNode found =
        ok(
            send(
                "GET",
                "/v3/subscribers?api_secret=" + secret + "&email_address=ANN%40example.com",
                null));
    assertEquals(1, found.get("total_subscribers").asInt());
    JsonNode ann = found.get("subscribers").get(0);
    assertEquals(subscriberId, ann.get("id").asLong());
    assertEquals("Ann", ann.get("first_name").asText());
    assertEquals("555", ann.get("fields").get("phone").asText());

    JsonNode untagged =
        ok(
            send(
                "POST",
                "/v3/tags/" + vip + "/unsubscribe",
                "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}"));
    assertEquals("VIP", untagged.get("name").asText());
    JsonNode byId =
        ok(
            send(
                "DELETE",
                "/v3/subscribers/" + subscriberId + "/tags/" + gold + "?api_secret=" + secret,
                null));
    assertEquals("Gold", byId.get("name").asText());
    assertEquals(
        Collections.singletonList("Customer"), sandbox.subscriberTags(secret, "ann@example.com"));
  }

  @Test
  void unknownTagsAndPathsAreNotFound() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/v3/tags/999999/subscribe",
            "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}");
    assertEquals(404, response.statusCode());
    assertEquals(JSON.readTree("{\"error\":\"Tag not found\"}"), JSON.readTree(response.body()));
    assertFalse(sandbox.hasSubscriber(secret, "ann@example.com"));
    HttpResponse<String> path = send("GET", "/v3/landing_pages?api_secret=" + secret, null);
    assertEquals(404, path.statusCode());
    assertEquals(
        JSON.readTree(
            "{\"error\":\"Not Found\","
                + "\"message\":\"The entity you were trying to find doesn't exist\"}"),
        JSON.readTree(path.body()));
    HttpResponse<String> untagUnknownTag =
        send(
            "POST",
            "/v3/tags/999999/unsubscribe",
            "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}");
    assertEquals(404, untagUnknownTag.statusCode());
  }

  @Test
  void missingEmailIsMissingParameters() throws Exception {
    long tag = sandbox.createTag(secret, "Customer");
    HttpResponse<String> response =
        send("POST", "/v3/tags/" + tag + "/subscribe", "{\"api_secret\":\"" + secret + "\"}");
    assertEquals(400, response.statusCode());
    assertEquals(
        "Your request is missing parameters", JSON.readTree(response.body()).get("error").asText());
  }

  @Test
  void purchasesAreKeptWithAmountsAsSent() throws Exception {
    String purchase =
        "{\"transaction_id\":\"T-1\",\"email_address\":\"ann@example.com\","
            + "\"currency\":\"USD\",\"subtotal\":20.00,\"total\":21.60,\"status\":\"paid\",\"products\":["
            + "{\"pid\":1,\"lid\":1,\"name\":\"Mug\",\"sku\":\"MUG\",\"unit_price\":10.00,\"quantity\":2}]}";

    JsonNode answer =
        ok(
            send(
                "POST",
                "/v3/purchases",
                "{\"api_secret\":\"" + secret + "\",\"purchase\":" + purchase + "}"));

    assertTrue(answer.get("id").asLong() > 0);
    assertEquals("T-1", answer.get("transaction_id").asText());
    assertEquals(new BigDecimal("21.60"), answer.get("total").decimalValue());
    RecordedPurchase recorded = sandbox.purchases(secret).get(0);
    assertEquals(answer.get("id").asLong(), recorded.id());
    assertEquals(new BigDecimal("21.60"), recorded.total());
    assertEquals(JSON.readTree(purchase), JSON.readTree(recorded.json()));
  }

  @Test
  void purchasesMissingWhatKitRequiresAreRefused() throws Exception {
    String blankSku =
        "{\"transaction_id\":\"T\",\"email_address\":\"a@b.test\",\"currency\":\"USD\","
            + "\"products\":[{\"pid\":1,\"lid\":1,\"name\":\"Mug\",\"sku\":\"\",\"unit_price\":1,\"quantity\":1}]}";
    HttpResponse<String> r =
        send(
            "POST",
            "/v3/purchases",
            "{\"api_secret\":\"" + secret + "\",\"purchase\":" + blankSku + "}");
    assertEquals(400, r.statusCode());
    assertEquals(
        JSON.readTree(
            "{\"error\":\"Your request is missing parameters\","
                + "\"message\":\"Sku can't be blank for product: Mug\"}"),
        JSON.readTree(r.body()));

    String noProducts =
        "{\"transaction_id\":\"T\",\"email_address\":\"a@b.test\",\"currency\":\"USD\"}";
    assertEquals(
        400,
        send(
                "POST",
                "/v3/purchases",
                "{\"api_secret\":\"" + secret + "\",\"purchase\":" + noProducts + "}")
            .statusCode());
    String textAmount =
        "{\"transaction_id\":\"T\",\"email_address\":\"a@b.test\",\"currency\":\"USD\","
            + "\"total\":\"1.00\",\"products\":[{\"pid\":1,\"lid\":1,\"name\":\"M\",\"sku\":\"S\","
            + "\"unit_price\":1,\"quantity\":1}]}";
    assertEquals(
        422,
        send(
                "POST",
                "/v3/purchases",
                "{\"api_secret\":\"" + secret + "\",\"purchase\":" + textAmount + "}")
            .statusCode());
    assertTrue(sandbox.purchases(secret).isEmpty());
  }

  @Test
  void theLimitIsPerSecretAndAnswers429WithoutBody() throws Exception {
    String other = sandbox.createAccount("Other", "o@example.com");
    for (int i = 0; i < 20; i++) ok(send("GET", "/v3/tags?api_secret=" + secret, null));

    HttpResponse<String> limited = send("GET", "/v3/tags?api_secret=" + secret, null);

    assertEquals(429, limited.statusCode());
    assertEquals("", limited.body());
    assertEquals(1, sandbox.rateLimitedCount());
    ok(send("GET", "/v3/tags?api_secret=" + other, null));
    assertEquals(22, sandbox.requestCount());
    // The refused request counts as sent in the window: 21 from one secret, the other's 1 apart.
    assertEquals(21, sandbox.peakRequestsInAnyWindow());
  }

  @Test
  void theWindowRollsOn() throws Exception {
    try (KitSandbox fast =
        KitSandbox.builder().rateLimit(2, Duration.ofMillis(1500)).build().start()) {
      String s = fast.createAccount("F", "f@example.com");
      String url = "http://localhost:" + fast.port() + "/v3/tags?api_secret=" + s;
      HttpRequest get = HttpRequest.newBuilder(URI.create(url)).build();
      assertEquals(200, http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(429, http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
      Thread.sleep(1600);
      assertEquals(200, http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void faultsFromJava() throws Exception {
    sandbox.failNext(2, 503);
    assertEquals(503, send("GET", "/v3/account?api_secret=" + secret, null).statusCode());
    assertEquals(503, send("GET", "/v3/account?api_secret=" + secret, null).statusCode());
    ok(send("GET", "/v3/account?api_secret=" + secret, null));

    sandbox.delayResponses(Duration.ofMillis(300));
    long start = System.nanoTime();
    ok(send("GET", "/v3/account?api_secret=" + secret, null));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    sandbox.clearFaults();

    String fresh = sandbox.rotateSecret(secret);
    assertEquals(401, send("GET", "/v3/account?api_secret=" + secret, null).statusCode());
    ok(send("GET", "/v3/account?api_secret=" + fresh, null));
    sandbox.rejectSecret(fresh);
    assertEquals(401, send("GET", "/v3/account?api_secret=" + fresh, null).statusCode());
  }

  @Test
  void countsRequestsInFlightAndTwoAtOnceForOneSubscriber() throws Exception {
    long tag = sandbox.createTag(secret, "Customer");
    String subscribe = "{\"api_secret\":\"" + secret + "\",\"email\":\"%s\"}";
    String path = "/v3/tags/" + tag + "/subscribe";
    sandbox.delayResponses(Duration.ofMillis(400));
    sandbox.resetInFlight();
    java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<HttpResponse<String>> a =
          two.submit(() -> send("POST", path, String.format(subscribe, "a@example.com")));
      java.util.concurrent.Future<HttpResponse<String>> b =
          two.submit(() -> send("POST", path, String.format(subscribe, "b@example.com")));
      ok(a.get());
      ok(b.get());
      assertEquals(2, sandbox.peakRequestsInFlight());
      assertEquals(0, sandbox.overlappingRequestsForOneSubscriber());

      a = two.submit(() -> send("POST", path, String.format(subscribe, "c@example.com")));
      b = two.submit(() -> send("POST", path, String.format(subscribe, "C@example.com")));
      ok(a.get());
      ok(b.get());
      assertEquals(1, sandbox.overlappingRequestsForOneSubscriber());
    } finally {
      two.shutdownNow();
      sandbox.clearFaults();
    }
  }

  @Test
  void callsOneAfterAnotherForOneSubscriberNeverCountAsOverlapping() throws Exception {
    // Each thread waits for its answer before its next call about its own subscriber, while the
    // other threads keep the server busy: the counter must see no overlap, however the server's
    // threads are scheduled between sending an answer and taking the next request.
    int threads = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (KitSandbox busy = KitSandbox.builder().port(0).noRateLimit().build().start()) {
      String busyRoot = "http://localhost:" + busy.port();
      String account = busy.createAccount("Shop", "owner@shop.example");
      String path = "/v3/tags/" + busy.createTag(account, "Customer") + "/subscribe";
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String body = "{\"api_secret\":\"" + account + "\",\"email\":\"s" + t + "@example.com\"}";
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) ok(send(busyRoot, "POST", path, body));
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) f.get();
      assertTrue(busy.peakRequestsInFlight() >= 2, "calls were served at once");
      assertEquals(0, busy.overlappingRequestsForOneSubscriber());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailureForOneAccountLeavesTheOthersServed() throws Exception {
    String other = sandbox.createAccount("Other", "other@example.com");
    String second = sandbox.addSecret(secret);
    sandbox.failNextFor(secret, 2, 422);
    ok(send("GET", "/v3/account?api_secret=" + other, null));
    assertEquals(422, send("GET", "/v3/account?api_secret=" + second, null).statusCode());
    HttpResponse<String> refused = send("GET", "/v3/account?api_secret=" + secret, null);
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("error"), refused.body());
    ok(send("GET", "/v3/account?api_secret=" + secret, null));
    assertEquals(401, send("GET", "/v3/account?api_secret=wrong", null).statusCode());
  }

  @Test
  void aFailureForOneAccountCanCarryKitsMessage() throws Exception {
    String other = sandbox.createAccount("Other", "other@example.com");
    String markup = "<script>alert('kit')</script>";
    sandbox.failNextFor(secret, 2, 422, markup);
    ok(send("GET", "/v3/account?api_secret=" + other, null));
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> refused = send("GET", "/v3/tags?api_secret=" + secret, null);
      assertEquals(422, refused.statusCode());
      JsonNode body = JSON.readTree(refused.body());
      assertEquals(markup, body.get("message").asText(), "sent as given, not escaped");
      assertEquals("Unprocessable Entity", body.get("error").asText());
    }
    ok(send("GET", "/v3/tags?api_secret=" + secret, null));

    // Without a message, Kit's usual words for the status.
    sandbox.failNextFor(secret, 1, 401, null);
    JsonNode usual = JSON.readTree(send("GET", "/v3/account?api_secret=" + secret, null).body());
    assertEquals("API Key not valid", usual.get("message").asText());
  }

  @Test
  void faultsOverHttp() throws Exception {
    long tag = sandbox.createTag(secret, "Promo");
    assertEquals(200, send("POST", "/sandbox/fail?count=1&status=500", null).statusCode());
    assertEquals(500, send("GET", "/v3/account?api_secret=" + secret, null).statusCode());
    ok(send("GET", "/v3/account?api_secret=" + secret, null));

    JsonNode deleted =
        JSON.readTree(
            send("POST", "/sandbox/delete-tag?secret=" + secret + "&id=" + tag, null).body());
    assertTrue(deleted.get("deleted").asBoolean());
    assertEquals(null, sandbox.tagId(secret, "Promo"));

    String fresh =
        JSON.readTree(send("POST", "/sandbox/rotate?secret=" + secret, null).body())
            .get("api_secret")
            .asText();
    ok(send("GET", "/v3/account?api_secret=" + fresh, null));
    assertEquals(200, send("POST", "/sandbox/reject?secret=" + fresh, null).statusCode());
    assertEquals(401, send("GET", "/v3/account?api_secret=" + fresh, null).statusCode());
    assertEquals(405, send("GET", "/sandbox/fail?count=1&status=500", null).statusCode());
    JsonNode stats = JSON.readTree(send("GET", "/sandbox/stats", null).body());
    assertEquals(sandbox.requestCount(), stats.get("requests").asLong());
  }

  @Test
  void thePageShowsStateEscapedAndMasksSecrets() throws Exception {
    long tag = sandbox.createTag(secret, "<b>VIP</b>");
    ok(
        send(
            "POST",
            "/v3/tags/" + tag + "/subscribe",
            "{\"api_secret\":\""
                + secret
                + "\",\"email\":\"ann@example.com\",\"first_name\":\"<script>alert(1)</script>\"}"));

    HttpResponse<String> page = send("GET", "/", null);

    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    String html = page.body();
    assertTrue(html.contains("Acme &lt;Store&gt;"), html);
    assertTrue(html.contains("ann@example.com"));
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&lt;b&gt;VIP&lt;/b&gt;"));
    assertFalse(html.contains("<script>"));
    assertFalse(html.contains(secret));
    assertTrue(html.contains("****" + secret.substring(secret.length() - 4)));
  }

  static final String VALID_PURCHASE =
      "{\"transaction_id\":\"T-9\",\"email_address\":\"a@b.test\",\"currency\":\"USD\","
          + "\"products\":[{\"pid\":1,\"lid\":1,\"name\":\"Mug\",\"sku\":\"MUG\","
          + "\"unit_price\":1,\"quantity\":1}]}";

  HttpResponse<String> postPurchase(String purchaseJson) throws Exception {
    return send(
        "POST",
        "/v3/purchases",
        "{\"api_secret\":\"" + secret + "\",\"purchase\":" + purchaseJson + "}");
  }

  @Test
  void eachFieldKitRequiresOfAPurchaseIsA400() throws Exception {
    ok(postPurchase(VALID_PURCHASE));
    for (String field : new String[] {"transaction_id", "email_address", "currency", "products"}) {
      com.fasterxml.jackson.databind.node.ObjectNode p =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(VALID_PURCHASE);
      p.remove(field);
      HttpResponse<String> r = postPurchase(p.toString());
      assertEquals(400, r.statusCode(), field);
      assertEquals(
          "Your request is missing parameters",
          JSON.readTree(r.body()).get("error").asText(),
          field);
    }
    for (String field : new String[] {"pid", "lid", "name", "unit_price", "quantity", "sku"}) {
      com.fasterxml.jackson.databind.node.ObjectNode p =
          (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(VALID_PURCHASE);
      ((com.fasterxml.jackson.databind.node.ObjectNode) p.get("products").get(0)).remove(field);
      assertEquals(400, postPurchase(p.toString()).statusCode(), "products " + field);
    }
    assertEquals(1, sandbox.purchases(secret).size(), "only the valid one was kept");
  }

  @Test
  void theIntegrationNameOfAPurchaseIsRecorded() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode p =
        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(VALID_PURCHASE);
    ok(postPurchase(VALID_PURCHASE));
    p.put("transaction_id", "T-10").put("integration", "CK Engine for Broadleaf");
    ok(postPurchase(p.toString()));

    assertEquals(null, sandbox.purchases(secret).get(0).integration());
    assertEquals("CK Engine for Broadleaf", sandbox.purchases(secret).get(1).integration());
  }

  @Test
  void purchasesAreListedFiftyAPageInAscendingIds() throws Exception {
    try (KitSandbox open = KitSandbox.builder().noRateLimit().build().start()) {
      String s = open.createAccount("Paged", "p@example.com");
      String base = "http://localhost:" + open.port() + "/v3/purchases?api_secret=" + s;
      for (int i = 1; i <= 51; i++) {
        String body =
            "{\"api_secret\":\""
                + s
                + "\",\"purchase\":"
                + VALID_PURCHASE.replace("T-9", "T-" + i)
                + "}";
        HttpRequest post =
            HttpRequest.newBuilder(URI.create(base))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        assertEquals(200, http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode());
      }

      JsonNode first = get(base + "&page=1");
      assertEquals(51, first.get("total_purchases").asInt());
      assertEquals(1, first.get("page").asInt());
      assertEquals(2, first.get("total_pages").asInt());
      assertEquals(50, first.get("purchases").size());
      long previous = 0;
      for (JsonNode p : first.get("purchases")) {
        assertTrue(p.get("id").asLong() > previous, "ascending ids");
        previous = p.get("id").asLong();
      }
      assertEquals("T-1", first.get("purchases").get(0).get("transaction_id").asText());
      assertEquals("MUG", first.get("purchases").get(0).get("products").get(0).get("sku").asText());
      JsonNode second = get(base + "&page=2");
      assertEquals(1, second.get("purchases").size());
      assertEquals("T-51", second.get("purchases").get(0).get("transaction_id").asText());
      assertEquals(0, get(base + "&page=3").get("purchases").size());
      assertEquals(first, get(base), "no page is page 1");

      long id = second.get("purchases").get(0).get("id").asLong();
      String one = "http://localhost:" + open.port() + "/v3/purchases/" + id + "?api_secret=" + s;
      assertEquals("T-51", get(one).get("transaction_id").asText());
      HttpRequest missing =
          HttpRequest.newBuilder(URI.create(one.replace("/" + id + "?", "/1?"))).build();
      assertEquals(404, http.send(missing, HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void removingATagFromAnEmailKitDoesNotKnowAnswersTheTag() throws Exception {
    long tag = sandbox.createTag(secret, "Customer");
    JsonNode answer =
        ok(
            send(
                "POST",
                "/v3/tags/" + tag + "/unsubscribe",
                "{\"api_secret\":\"" + secret + "\",\"email\":\"nobody@example.com\"}"));
    assertEquals(tag, answer.get("id").asLong());
    assertEquals("Customer", answer.get("name").asText());
    assertFalse(sandbox.hasSubscriber(secret, "nobody@example.com"));
  }

  @Test
  void aSecondSecretOpensTheSameAccountAndSharesItsBudget() throws Exception {
    long tag = sandbox.createTag(secret, "Customer");
    String second = sandbox.addSecret(secret);
    assertFalse(second.equals(secret));

    JsonNode account = ok(send("GET", "/v3/account?api_secret=" + second, null));
    assertEquals("Acme <Store>", account.get("name").asText());
    JsonNode tags = ok(send("GET", "/v3/tags?api_secret=" + second, null)).get("tags");
    assertEquals(tag, tags.get(0).get("id").asLong());

    // 20 per window for the account, whichever secret asks.
    for (int i = 0; i < 8; i++) ok(send("GET", "/v3/tags?api_secret=" + secret, null));
    for (int i = 0; i < 10; i++) ok(send("GET", "/v3/tags?api_secret=" + second, null));
    assertEquals(429, send("GET", "/v3/tags?api_secret=" + secret, null).statusCode());
    assertEquals(429, send("GET", "/v3/tags?api_secret=" + second, null).statusCode());

    sandbox.rejectSecret(secret);
    assertEquals(
        Long.valueOf(tag), sandbox.tagId(second, "customer"), "the other secret still works");
    assertEquals(
        "unknown secret",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> sandbox.addSecret("nope"))
            .getMessage());
  }

  @Test
  void writesCanBeAppliedAndThenAnsweredBadly() throws Exception {
    long tag = sandbox.createTag(secret, "Customer");
    String subscribe = "{\"api_secret\":\"" + secret + "\",\"email\":\"%s\"}";

    sandbox.failNextAfterApplying(1, 500);
    ok(send("GET", "/v3/tags?api_secret=" + secret, null)); // reads do not count
    HttpResponse<String> failed =
        send("POST", "/v3/tags/" + tag + "/subscribe", String.format(subscribe, "a@example.com"));
    assertEquals(500, failed.statusCode());
    assertTrue(sandbox.hasSubscriber(secret, "a@example.com"), "applied before failing");

    sandbox.garbleNextAfterApplying(1);
    HttpResponse<String> garbled = postPurchase(VALID_PURCHASE);
    assertEquals(200, garbled.statusCode());
    assertFalse(garbled.body().startsWith("{"), garbled.body());
    assertEquals(1, sandbox.purchases(secret).size());

    sandbox.dropNextAfterApplying(1);
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class, () -> postPurchase(VALID_PURCHASE.replace("T-9", "T-dropped")));
    assertEquals("T-dropped", sandbox.purchases(secret).get(1).transactionId());

    sandbox.delayNextAfterApplying(1, Duration.ofMillis(400));
    long start = System.nanoTime();
    ok(send("POST", "/v3/tags/" + tag + "/subscribe", String.format(subscribe, "b@example.com")));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(400).toNanos());

    ok(send("POST", "/v3/tags/" + tag + "/subscribe", String.format(subscribe, "c@example.com")));
  }
}

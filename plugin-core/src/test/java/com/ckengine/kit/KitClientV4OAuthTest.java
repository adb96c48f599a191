package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.assertBody;
import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An OAuth token travels as a bearer token, and opens purchases: recorded and listed by cursor. */
class KitClientV4OAuthTest {
  static final String TOKEN_TEXT = "oauth_access_7c6b5a";
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

  static void assertBearer(RecordedRequest request) {
    assertEquals("Bearer " + TOKEN_TEXT, request.getHeaders().get("Authorization"));
    assertNull(request.getHeaders().get("X-Kit-Api-Key"));
  }

  static Purchase purchase() {
    return Purchase.builder()
        .transactionId("order-1")
        .emailAddress("ann@example.com")
        .firstName("Ann")
        .integration("Broadleaf")
        .currency("USD")
        .transactionTime(java.time.Instant.parse("2026-12-01T10:00:00Z"))
        .subtotal(new BigDecimal("10.50"))
        .total(new BigDecimal("10.50"))
        .addProduct(
            PurchaseLine.builder()
                .pid(11)
                .lid(1)
                .name("Mug")
                .sku("MUG-1")
                .unitPrice(new BigDecimal("10.50"))
                .build())
        .build();
  }

  @Test
  void recordPurchasePostsThePurchaseWithTheBearerToken() throws Exception {
    kit.answer(
        201,
        "{\"purchase\":{\"id\":20,\"transaction_id\":\"order-1\",\"subscriber_id\":526,"
            + "\"status\":\"paid\"}}");

    KitResult<KitPurchaseReceipt> result = kit.client.recordPurchase(TOKEN, purchase());

    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/purchases", line(request));
    assertBearer(request);
    // Kit's v4 shape: every amount and the time required (a missing amount goes as 0), product
    // ids as strings, and neither first_name nor integration (v4 refuses both as unknown).
    assertBody(
        "{\"purchase\":{\"email_address\":\"ann@example.com\",\"transaction_id\":\"order-1\","
            + "\"status\":\"paid\",\"subtotal\":10.50,\"tax\":0,\"shipping\":0,\"discount\":0,"
            + "\"total\":10.50,\"currency\":\"USD\",\"transaction_time\":\"2026-12-01T10:00:00Z\","
            + "\"products\":[{\"name\":\"Mug\",\"pid\":\"11\",\"lid\":\"1\",\"quantity\":1,"
            + "\"unit_price\":10.50,\"sku\":\"MUG-1\"}]}}",
        request);
    assertTrue(request.getBody().utf8().indexOf("api_secret") < 0);
    assertEquals(new KitPurchaseReceipt(20, "order-1"), result.value());
  }

  @Test
  void listPurchasesWalksCursorPages() throws Exception {
    kit.answer(
        200,
        "{\"purchases\":[{\"id\":3,\"transaction_id\":\"c\"},{\"id\":2,\"transaction_id\":\"b\"}],"
            + "\"pagination\":{\"has_previous_page\":false,\"has_next_page\":true,"
            + "\"start_cursor\":\"WzNd\",\"end_cursor\":\"WzJd\",\"per_page\":1000}}");
    kit.answer(
        200,
        "{\"purchases\":[{\"id\":1,\"transaction_id\":\"a\"}],"
            + "\"pagination\":{\"has_previous_page\":true,\"has_next_page\":false,"
            + "\"start_cursor\":\"WzFd\",\"end_cursor\":\"WzFd\",\"per_page\":1000}}");

    KitPurchasePage first = kit.client.listPurchases(TOKEN, null).value();
    KitPurchasePage second = kit.client.listPurchases(TOKEN, first.nextCursor()).value();

    RecordedRequest one = kit.taken();
    RecordedRequest two = kit.taken();
    assertEquals("GET /v4/purchases?per_page=1000", line(one));
    assertEquals("GET /v4/purchases?per_page=1000&after=WzJd", line(two));
    assertBearer(one);
    assertBearer(two);
    assertEquals(
        Arrays.asList(new KitPurchaseReceipt(3, "c"), new KitPurchaseReceipt(2, "b")),
        first.purchases());
    assertEquals("WzJd", first.nextCursor());
    assertEquals(new KitPurchaseReceipt(1, "a"), second.find("a"));
    assertNull(second.nextCursor(), "the last page");
    assertNull(first.cursorOf(2), "v4 pages are not numbered");
  }

  @Test
  void tagsAndAccountGoWithTheBearerTokenToo() throws Exception {
    kit.answer(
        200,
        "{\"user\":{\"email\":\"me@acme.test\"},\"account\":{\"id\":42,\"name\":\"Acme\","
            + "\"primary_email_address\":\"owner@acme.test\"}}");
    kit.answer(200, "{\"tag\":{\"id\":7,\"name\":\"VIP\",\"created_at\":null}}");

    assertTrue(kit.client.account(TOKEN).isSuccess());
    KitResult<KitTag> created = kit.client.createTag(TOKEN, "VIP");

    assertBearer(kit.taken());
    RecordedRequest create = kit.taken();
    assertEquals("POST /v4/tags", line(create));
    assertBearer(create);
    assertEquals(200, created.httpStatus(), "200 (it existed) is success like 201");
    assertEquals(new KitTag(7, "VIP", null), created.value());
  }
}

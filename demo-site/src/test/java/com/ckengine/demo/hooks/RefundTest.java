package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds through the admin's refund action over HTTP (and the Java API a gateway module calls):
 * Broadleaf REFUND payment transactions are recorded, and Product Refunded / Product Partially
 * Refunded reach the sandbox once per refund.
 */
class RefundTest {
  private static final Pattern LINE = Pattern.compile("name=\"whole_(\\d+)\"");
  private static final Pattern REFUND_ID = Pattern.compile("name=\"refundId\" value=\"([^\"]+)\"");
  private static Hooks hooks;
  private static RefundChecks checks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    checks = new RefundChecks(hooks);
  }

  @Test
  void aPartialRefundThenOneThatCompletesTheProductFireEachTriggerOnce() throws Exception {
    String email = "partial.refund@example.com";
    String order = hooks.buy(email, true, 101);
    awaitDelivered(order, "PRODUCT_PURCHASED");
    assertTrue(hooks.tags(email).contains("bought-course"));

    WebClient admin = adminLogin();
    List<Long> lines = refundPage(admin, order);
    long course = lineOf(order, "Email Marketing Masterclass");
    HttpResponse<String> first =
        admin.post(
            refundPath(order), Map.of("refundId", refundId(admin), "amount_" + course, "50.00"));
    assertEquals(302, first.statusCode(), first.body());
    awaitDelivered(order, "PRODUCT_PARTIALLY_REFUNDED");
    assertTrue(hooks.tags(email).contains("partially-refunded"));
    assertFalse(hooks.tags(email).contains("refunded"));

    admin.get(refundPath(order));
    String secondId = refundId(admin);
    HttpResponse<String> second =
        admin.post(refundPath(order), Map.of("refundId", secondId, "amount_" + course, "149.00"));
    assertEquals(302, second.statusCode(), second.body());
    awaitDelivered(order, "PRODUCT_REFUNDED");
    List<String> tags = hooks.tags(email);
    assertTrue(tags.contains("refunded"), tags.toString());
    assertFalse(tags.contains("bought-course"), "Refunded removed the course's tag: " + tags);

    // The same form submitted again (same refund id) records nothing new.
    admin.get(refundPath(order));
    HttpResponse<String> again =
        admin.post(refundPath(order), Map.of("refundId", secondId, "amount_" + course, "149.00"));
    assertEquals(302, again.statusCode(), again.body());
    assertEquals(List.of("50.00", "149.00"), refundRows(order));
    assertEquals(1, events(order, "PRODUCT_REFUNDED"), "one Product Refunded event");
    assertEquals(1, events(order, "PRODUCT_PARTIALLY_REFUNDED"), "one Partially Refunded event");
    assertEquals(2, lines.size(), "course and bump lines on the form");
  }

  @Test
  void aFullRefundOfEveryLineFiresProductRefundedAndTooMuchIsRefusedClearly() throws Exception {
    String email = "full.refund@example.com";
    String order = hooks.buy(email, true, 102);
    awaitDelivered(order, "PRODUCT_PURCHASED");
    WebClient admin = adminLogin();
    List<Long> lines = refundPage(admin, order);

    Map<String, String> tooMuch = new LinkedHashMap<>();
    tooMuch.put("refundId", refundId(admin));
    tooMuch.put("orderAmount", "1000.00");
    HttpResponse<String> refused = admin.post(refundPath(order), tooMuch);
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("left to refund, not 1000.00"), refused.body());

    Map<String, String> whole = new LinkedHashMap<>();
    whole.put("refundId", refundId(admin));
    for (Long l : lines) whole.put("whole_" + l, "true");

    // Without Broadleaf's CSRF token the same refund records nothing.
    Map<String, String> forged = new LinkedHashMap<>(whole);
    forged.put("csrfToken", "forged");
    HttpResponse<String> refusedWithoutToken = admin.post(refundPath(order), forged);
    assertNotEquals(302, refusedWithoutToken.statusCode());
    assertTrue(refundRows(order).isEmpty(), "no refund recorded without the token");

    admin.get(refundPath(order));
    HttpResponse<String> done = admin.post(refundPath(order), whole);
    assertEquals(302, done.statusCode(), done.body());
    awaitDelivered(order, "PRODUCT_REFUNDED");
    assertTrue(hooks.tags(email).contains("refunded"));
    assertTrue(hooks.site.log(order, "PRODUCT_PARTIALLY_REFUNDED").isEmpty());
    assertEquals(List.of("38.00"), refundRows(order));
  }

  @Test
  void aGatewayReportsARefundThroughTheJavaApiOnceWhateverItRetries() throws Exception {
    String email = "gateway.refund@example.com";
    String order = hooks.buy(email, false, 106);
    awaitDelivered(order, "PRODUCT_PURCHASED");
    String receipt = hooks.site.call("refund", order, "gw-re_123", "49.00").get(0);
    assertTrue(receipt.contains("refunded=[106]"), receipt);
    String again = hooks.site.call("refund", order, "gw-re_123", "49.00").get(0);
    assertTrue(again.contains("already recorded"), again);
    awaitDelivered(order, "PRODUCT_REFUNDED");
    assertEquals(List.of("49.00"), refundRows(order));
  }

  @Test
  void aRefundRecordedWhileTheEngineTablesWereUnavailableIsPublishedByTheRefundSweep()
      throws Exception {
    String email = "outage.refund@example.com";
    String order = hooks.buy(email, false, 102);
    awaitDelivered(order, "PRODUCT_PURCHASED");
    hooks.sql("ALTER TABLE CK_EVENT RENAME TO CK_EVENT_AWAY");
    try {
      String receipt = hooks.site.call("refund", order, "outage-re_1", "29.00").get(0);
      assertTrue(receipt.contains("refunded=[102]"), receipt);
    } finally {
      hooks.sql("ALTER TABLE CK_EVENT_AWAY RENAME TO CK_EVENT");
    }
    // The refund is recorded in Broadleaf, its event is not stored; the process forgets it was
    // pending, as a restart would.
    assertEquals(List.of("29.00"), refundRows(order));
    assertTrue(hooks.site.log(order, "PRODUCT_REFUNDED").isEmpty());
    hooks.site.call("forgetRefunds");
    // At least this one (refunds other tests made through the admin are news to this bean too).
    assertTrue(Integer.parseInt(hooks.site.call("refundSweep").get(0)) >= 1);
    awaitDelivered(order, "PRODUCT_REFUNDED");
    assertTrue(hooks.tags(email).contains("refunded"));
    // Later runs find nothing more to do, and the refund's event stays single.
    assertEquals("0", hooks.site.call("refundSweep").get(0));
    assertEquals(1, events(order, "PRODUCT_REFUNDED"));
  }

  @Test
  void theAdminOrderPageLinksToTheRefundPage() throws Exception {
    String order = hooks.buy("link.refund@example.com", false, 102);
    WebClient admin = adminLogin();
    long id = orderId(order);
    HttpResponse<String> page = admin.get("/order/" + id);
    assertEquals(200, page.statusCode(), page.body());
    String href = "/admin" + refundPath(order);
    assertTrue(page.body().contains("ckengine-refund-link"), page.body());
    assertTrue(page.body().contains("href=\"" + href + "\""), href + "\n" + page.body());
    assertEquals(200, admin.get(refundPath(order)).statusCode());
  }

  private static long events(String order, String trigger) {
    return checks.events(order, trigger);
  }

  private static void awaitDelivered(String order, String trigger) {
    checks.awaitDelivered(order, trigger);
  }

  private static WebClient adminLogin() throws Exception {
    WebClient admin = new WebClient(hooks.demo.adminUrl());
    admin.get("/login");
    HttpResponse<String> login =
        admin.post(
            "/login_admin_post",
            Map.of("j_username", DemoServer.ADMIN_USER, "j_password", DemoServer.ADMIN_PASSWORD));
    assertEquals(302, login.statusCode());
    return admin;
  }

  private static String refundPath(String order) throws Exception {
    return "/ckengine/orders/" + orderId(order) + "/refund";
  }

  private static List<Long> refundPage(WebClient admin, String order) throws Exception {
    HttpResponse<String> page = admin.get(refundPath(order));
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("Refund order " + order), page.body());
    List<Long> ids = new ArrayList<>();
    Matcher m = LINE.matcher(page.body());
    while (m.find()) ids.add(Long.valueOf(m.group(1)));
    return ids;
  }

  private static String refundId(WebClient admin) throws Exception {
    Matcher m = REFUND_ID.matcher(admin.get(lastPath).body());
    assertTrue(m.find());
    return m.group(1);
  }

  private static String lastPath = "/";

  private static long orderId(String order) throws Exception {
    long id = queryLong("SELECT ORDER_ID FROM BLC_ORDER WHERE ORDER_NUMBER = ?", order);
    lastPath = "/ckengine/orders/" + id + "/refund";
    return id;
  }

  private static long lineOf(String order, String name) throws Exception {
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT oi.ORDER_ITEM_ID FROM BLC_ORDER_ITEM oi JOIN BLC_ORDER o ON o.ORDER_ID = oi.ORDER_ID "
                    + "WHERE o.ORDER_NUMBER = ? AND oi.NAME = ?")) {
      q.setString(1, order);
      q.setString(2, name);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next());
        return rs.getLong(1);
      }
    }
  }

  private static List<String> refundRows(String order) throws Exception {
    return checks.refundRows(order);
  }

  private static long queryLong(String sql, String arg) throws Exception {
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, arg);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), sql + " " + arg);
        return rs.getLong(1);
      }
    }
  }
}

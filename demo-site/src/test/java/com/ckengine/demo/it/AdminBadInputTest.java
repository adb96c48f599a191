package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input posted to the real admin, as a browser (or someone editing a form by hand) can post it:
 * each gets a clear message and status, never a 500, and nothing is saved.
 */
class AdminBadInputTest {
  private static final Pattern EDIT_LINK = Pattern.compile("/ckengine-integrations/(\\d+)/edit");

  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    AdminUsers.seed(demo);
  }

  private static WebClient admin() throws Exception {
    return WebClient.adminSignedIn(
        demo.adminUrl(), DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void labelsWithLineBreaksNulOrControlsAreRefusedBesideTheField() throws Exception {
    String secret =
        com.ckengine.sandbox.DemoAccount.createAnother(
            demo.kitSandbox(), "bad-input-" + System.nanoTime() + "@example.com");
    WebClient admin = admin();
    for (String label :
        new String[] {
          "Forged\r\n12:00:00 INFO [ckengine] forged line", "Forged\u0000", "Forged\tx"
        }) {
      admin.get("/ckengine-integrations/new");
      HttpResponse<String> r =
          admin.post(
              "/ckengine-integrations/new",
              Map.of("provider", "CONVERTKIT", "label", label, "apiSecret", secret));
      assertEquals(200, r.statusCode(), "the form again");
      assertTrue(r.body().contains("id=\"ck-label-error\""), r.body());
      assertTrue(r.body().contains("control character"), "the message says why");
    }
    admin.get("/ckengine-integrations/new");
    HttpResponse<String> tooLong =
        admin.post(
            "/ckengine-integrations/new",
            Map.of("provider", "CONVERTKIT", "label", "x".repeat(5000), "apiSecret", secret));
    assertTrue(tooLong.body().contains("The label is longer than 100 characters"));
    assertFalse(admin.get("/ckengine-integrations").body().contains("Forged"), "nothing saved");

    // Rename: the same refusal, and the label stays.
    String label = "Bad input " + System.nanoTime();
    admin.get("/ckengine-integrations/new");
    assertEquals(
        302,
        admin
            .post(
                "/ckengine-integrations/new",
                Map.of("provider", "CONVERTKIT", "label", label, "apiSecret", secret))
            .statusCode());
    long id = idOf(admin.get("/ckengine-integrations").body(), label);
    admin.get("/ckengine-integrations/" + id + "/edit");
    HttpResponse<String> renamed =
        admin.post(
            "/ckengine-integrations/" + id + "/rename", Map.of("label", label + "\r\nforged"));
    assertEquals(200, renamed.statusCode());
    assertTrue(renamed.body().contains("control character"), renamed.body());
    assertEquals(id, idOf(admin.get("/ckengine-integrations").body(), label), "label kept");
    admin.get("/ckengine-integrations/" + id + "/delete");
    admin.post("/ckengine-integrations/" + id + "/delete", Map.of());
  }

  @Test
  void logDatesBeyondFourDigitYearsGarbageAndAnEndBeforeTheStartAreMessages() throws Exception {
    WebClient admin = admin();
    for (String filter :
        new String[] {
          "from=" + q("+999999999-12-31"),
          "to=" + q("+999999999-12-31"),
          "from=" + q("-999999999-01-01"),
          "to=" + q("-999999999-01-01"),
          "from=yesterday",
          "to=2024-02-30"
        }) {
      HttpResponse<String> r = admin.get("/ckengine-integrations/logs?" + filter);
      assertEquals(200, r.statusCode(), filter + "\n" + r.body());
      assertTrue(r.body().contains("Write the date as YYYY-MM-DD"), filter);
    }
    HttpResponse<String> backwards =
        admin.get("/ckengine-integrations/logs?from=2024-03-31&to=2024-03-01");
    assertEquals(200, backwards.statusCode());
    assertTrue(backwards.body().contains("The end date is before the start date"));
  }

  @Test
  void aRuleForAProductThatDoesNotExistIsRefusedAndNothingIsSaved() throws Exception {
    WebClient admin = admin();
    HttpResponse<String> opened = admin.get("/ckengine-integrations/rules/new?productId=99999");
    assertEquals(200, opened.statusCode());
    assertTrue(opened.body().contains("There is no product 99999"), opened.body());

    String tag = "no-such-product-" + System.nanoTime();
    Map<String, String> save = new LinkedHashMap<>();
    save.put("step", "3");
    save.put("move", "SAVE");
    save.put("trigger", "PRODUCT_PURCHASED");
    save.put("integrationId", "1");
    save.put("action", "ADD_TAG");
    save.put("newTags", tag);
    save.put("productId", "99999");
    HttpResponse<String> saved = admin.post("/ckengine-integrations/rules/form", save);
    assertEquals(200, saved.statusCode(), "the form again, not a redirect");
    assertTrue(saved.body().contains("There is no product 99999"));

    // Letters for the product id: not a global rule, not a 400 page.
    admin.get("/ckengine-integrations/rules/new");
    save.put("productId", "abc");
    HttpResponse<String> letters = admin.post("/ckengine-integrations/rules/form", save);
    assertEquals(302, letters.statusCode());
    assertTrue(
        admin.get(admin.redirectPath(letters)).body().contains("is not a number"),
        "the list says why");
    HttpResponse<String> lettersInTheAddress =
        admin.get("/ckengine-integrations/rules/new?productId=abc");
    assertEquals(302, lettersInTheAddress.statusCode());
    assertEquals(0, rulesNaming(tag), "nothing saved");
  }

  @Test
  void anIndexedFieldFarPastAnyListIsNotA500() throws Exception {
    WebClient admin = admin();
    admin.get("/ckengine-integrations/rules/new");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("step", "1");
    form.put("trigger", "PRODUCT_PURCHASED");
    form.put("tagIds[100000]", "5");
    HttpResponse<String> r = admin.post("/ckengine-integrations/rules/form", form);
    assertEquals(200, r.statusCode(), r.body());
    admin.get("/ckengine-integrations");
    assertNotEquals(
        500, admin.get("/ckengine-integrations/logs?after%5B0%5D=x&email%5B2%5D=y").statusCode());
  }

  @Test
  void theRefundPageIsRefusedWithoutThePermissionItsFormNeeds() throws Exception {
    // A cart is an order the refund page can open.
    WebClient shopper = new WebClient(demo.storeUrl());
    shopper.get("/");
    assertEquals(
        302, shopper.post("/cart/add", Map.of("productId", "101", "quantity", "1")).statusCode());
    long orderId = newestOrderId();
    String page = "/ckengine/orders/" + orderId + "/refund";

    WebClient admin = admin();
    HttpResponse<String> allowed = admin.get(page);
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertTrue(allowed.body().contains("Email Marketing Masterclass"), "the admin sees the lines");

    WebClient merch =
        WebClient.adminSignedIn(demo.adminUrl(), AdminUsers.MERCHANDISER, AdminUsers.MERCHANDISER);
    HttpResponse<String> refused = merch.get(page);
    assertEquals(403, refused.statusCode());
    assertTrue(refused.body().contains("You may not refund orders"), refused.body());
    assertFalse(refused.body().contains("Email Marketing Masterclass"), "nothing of the order");
    assertFalse(refused.body().contains("name=\"refundId\""), "no form");

    merch.get("/product/101"); // a page with a form, for the merchandiser's CSRF token
    HttpResponse<String> post = merch.post(page, Map.of("orderAmount", "1.00"));
    assertNotEquals(302, post.statusCode());
    assertNotEquals(500, post.statusCode());
  }

  private static long idOf(String list, String label) {
    int at = list.indexOf("data-label=\"" + label + "\"");
    assertTrue(at >= 0, "no row for " + label);
    Matcher m = EDIT_LINK.matcher(list.substring(at));
    assertTrue(m.find());
    return Long.parseLong(m.group(1));
  }

  private static long newestOrderId() throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(ORDER_ID) FROM BLC_ORDER")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int rulesNaming(String tag) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT COUNT(*) FROM CK_RULE_TAG WHERE TAG_NAME = '" + tag + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

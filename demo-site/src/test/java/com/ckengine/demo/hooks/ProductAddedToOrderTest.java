package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import com.ckengine.sandbox.RecordedPurchase;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Product Added to Order from the confirmation page's one-click offer over HTTP: the offered
 * product becomes a new line of the same order (paid with the same test payment, the total
 * updated), fires Product Added to Order once (not on a second click, a replayed form or a reload)
 * and never Product Purchased: not when the order's own event is published, not when the order
 * sweep publishes the order later, not after a restart. Add Purchase records the added line in Kit
 * as a purchase of its own ({@code <order>-add-<line id>}).
 */
class ProductAddedToOrderTest {
  private static final long EBOOK = 102;
  private static final long COACHING = 103;
  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    hooks.site.rule(
        hooks.integration, "PRODUCT_ADDED_TO_ORDER", "ADD_TAG", COACHING, "added-coaching");
    hooks.site.rule(hooks.integration, "PRODUCT_ADDED_TO_ORDER", "ADD_PURCHASE", null);
    // A rule on the product for Product Purchased: it must not fire for the added line.
    hooks.site.rule(
        hooks.integration, "PRODUCT_PURCHASED", "ADD_TAG", COACHING, "purchased-coaching");
  }

  @Test
  void theOneClickOfferAddsALineToTheSameOrderAndFiresProductAddedToOrderOnce() throws Exception {
    String email = "adds.to.order@example.com";
    WebClient browser = hooks.cartWith(EBOOK);
    String order = hooks.checkout(browser, email, false);
    HttpResponse<String> confirmation = browser.get("/confirmation/" + order);
    assertTrue(confirmation.body().contains("accept-upsell"), confirmation.body());
    String csrf = browser.csrfToken();

    HttpResponse<String> accepted =
        browser.post("/confirmation/" + order + "/upsell", Map.of("csrfToken", csrf));
    assertEquals(302, accepted.statusCode(), accepted.body());
    assertEquals("/confirmation/" + order, browser.redirectPath(accepted), "the same order");
    String page = browser.get("/confirmation/" + order).body();
    assertTrue(page.contains("Coaching Call"), page);
    assertFalse(page.contains("accept-upsell"), "offered once: " + page);

    // A double click (the same form again) and a reload add nothing and fire nothing more.
    HttpResponse<String> again =
        browser.post("/confirmation/" + order + "/upsell", Map.of("csrfToken", csrf));
    assertEquals("/confirmation/" + order, browser.redirectPath(again));
    browser.get("/confirmation/" + order);
    List<Long> added = addedLines(order);
    assertEquals(1, added.size(), "one line added");
    assertEquals(2, lineCount(order), "the e-book and the added coaching call");
    BigDecimal ebook = price(EBOOK);
    BigDecimal coaching = price(COACHING);
    assertEquals(0, ebook.add(coaching).compareTo(orderTotal(order)), "the total updated");
    assertEquals(0, ebook.add(coaching).compareTo(captured(order)), "paid by the same payment");
    assertEquals(1, payments(order), "one payment, captured twice");

    String key = "order:" + order + ":added:" + added.get(0);
    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    assertOnlyAddedLineFiresAddedToOrder(order, key, email);
    List<RecordedPurchase> own = hooks.purchasesOf(order);
    assertEquals(1, own.size(), "the order's purchase");
    assertEquals(0, ebook.compareTo(own.get(0).total()), "without the added line");
    List<RecordedPurchase> addedPurchase = hooks.purchasesOf(order + "-add-" + added.get(0));
    assertEquals(1, addedPurchase.size(), "the added line: a purchase of its own");
    assertEquals(0, coaching.compareTo(addedPurchase.get(0).total()));

    // Broadleaf's repeated saves and the sweep looking again change nothing.
    int entries = hooks.site.log(order, null).size();
    hooks.site.call("resetSweep");
    hooks.site.sweep();
    hooks.site.call("forgetOrders");
    hooks.site.sweep();
    assertEquals(entries, hooks.site.log(order, null).size());
  }

  @Test
  void anOrderPublishedLateByTheSweepLeavesTheAddedLineToItsOwnEvent() throws Exception {
    String email = "late.add@example.com";
    WebClient browser = hooks.cartWith(EBOOK);
    hooks.site.call("purchasesEnabled", "false");
    String order;
    try {
      order = hooks.checkout(browser, email, false);
      browser.get("/confirmation/" + order);
      assertEquals(
          302,
          browser
              .post("/confirmation/" + order + "/upsell", Map.of("csrfToken", browser.csrfToken()))
              .statusCode());
    } finally {
      hooks.site.call("purchasesEnabled", "true");
    }
    List<Long> added = addedLines(order);
    assertEquals(1, added.size());
    await("the sweep publishing " + order, Duration.ofSeconds(60), () -> delivered(order));
    assertOnlyAddedLineFiresAddedToOrder(order, "order:" + order + ":added:" + added.get(0), email);
  }

  @Test
  void aLineAddedJustBeforeARestartIsPublishedByTheSweepAfterIt() throws Exception {
    String email = "restart.add@example.com";
    WebClient browser = hooks.cartWith(EBOOK);
    String order = hooks.checkout(browser, email, false);
    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    // The process dies between the add's commit and its publish: the publish never happens.
    hooks.site.call("purchasesEnabled", "false");
    try {
      browser.get("/confirmation/" + order);
      assertEquals(
          302,
          browser
              .post("/confirmation/" + order + "/upsell", Map.of("csrfToken", browser.csrfToken()))
              .statusCode());
      Thread.sleep(1000);
    } finally {
      hooks.site.call("purchasesEnabled", "true");
    }
    assertEquals(List.of(), hooks.site.log(order, "PRODUCT_ADDED_TO_ORDER"));
    hooks.site.call("forgetOrders"); // the restart
    hooks.site.sweep();
    List<Long> added = addedLines(order);
    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    assertOnlyAddedLineFiresAddedToOrder(order, "order:" + order + ":added:" + added.get(0), email);
  }

  // ---- what the engine and Kit hold

  private static void assertOnlyAddedLineFiresAddedToOrder(String order, String key, String email)
      throws Exception {
    String purchased = hooks.linesJson("order:" + order);
    assertNotNull(purchased, "the order's Product Purchased");
    assertFalse(purchased.contains("CK-COACH-60"), "the added line is not purchased: " + purchased);
    String added = hooks.linesJson(key);
    assertNotNull(added, "the added line's Product Added to Order " + key);
    assertTrue(added.contains("CK-COACH-60") && added.contains("UPSELL"), added);
    assertFalse(added.contains("CK-EBOOK-NLP"), added);
    List<String> addedEntries = hooks.site.log(order, "PRODUCT_ADDED_TO_ORDER");
    assertEquals(2, addedEntries.size(), "one tag and one purchase action: " + addedEntries);
    for (String e : addedEntries) assertTrue(e.contains("|DELIVERED|"), e);
    assertEquals(1, events(order, "PRODUCT_ADDED_TO_ORDER"), "fired once");
    List<String> tags = hooks.tags(email);
    assertTrue(tags.contains("added-coaching"), tags.toString());
    assertFalse(tags.contains("purchased-coaching"), "no Product Purchased for it: " + tags);
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, null);
    if (!Hooks.allFinal(entries)) return false;
    boolean purchased = false;
    boolean added = false;
    for (String e : entries) {
      if (!e.contains("|DELIVERED|") && !e.contains("|SKIPPED|")) return false;
      purchased |= e.startsWith("PRODUCT_PURCHASED|");
      added |= e.startsWith("PRODUCT_ADDED_TO_ORDER|");
    }
    return purchased && added || purchased && addedLinesQuietly(order).isEmpty();
  }

  private static List<Long> addedLinesQuietly(String order) {
    try {
      return addedLines(order);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The ids of the order's lines marked as added after the submit. */
  private static List<Long> addedLines(String order) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT i.ORDER_ITEM_ID FROM BLC_ORDER_ITEM i JOIN BLC_ORDER o ON o.ORDER_ID ="
                    + " i.ORDER_ID JOIN BLC_ORDER_ITEM_ATTRIBUTE a ON a.ORDER_ITEM_ID ="
                    + " i.ORDER_ITEM_ID WHERE o.ORDER_NUMBER = ? AND a.NAME = 'ckengine.addedToOrder'")) {
      q.setString(1, order);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long lineCount(String order) throws Exception {
    return number(
            "SELECT COUNT(*) FROM BLC_ORDER_ITEM i JOIN BLC_ORDER o ON o.ORDER_ID = i.ORDER_ID"
                + " WHERE o.ORDER_NUMBER = ?",
            order)
        .longValue();
  }

  private static BigDecimal orderTotal(String order) throws Exception {
    return number("SELECT ORDER_TOTAL FROM BLC_ORDER WHERE ORDER_NUMBER = ?", order);
  }

  private static BigDecimal captured(String order) throws Exception {
    return number(
        "SELECT SUM(t.TRANSACTION_AMOUNT) FROM BLC_ORDER_PAYMENT_TRANSACTION t JOIN BLC_ORDER_PAYMENT p ON"
            + " p.ORDER_PAYMENT_ID = t.ORDER_PAYMENT JOIN BLC_ORDER o ON o.ORDER_ID = p.ORDER_ID"
            + " WHERE o.ORDER_NUMBER = ? AND t.TRANSACTION_TYPE = 'AUTHORIZE_AND_CAPTURE'",
        order);
  }

  private static long payments(String order) throws Exception {
    return number(
            "SELECT COUNT(*) FROM BLC_ORDER_PAYMENT p JOIN BLC_ORDER o ON o.ORDER_ID = p.ORDER_ID"
                + " WHERE o.ORDER_NUMBER = ?",
            order)
        .longValue();
  }

  private static long events(String order, String trigger) throws Exception {
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*) FROM CK_EVENT WHERE REFERENCE = ? AND TRIGGER_TYPE = ?")) {
      q.setString(1, order);
      q.setString(2, trigger);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static BigDecimal price(long sku) throws Exception {
    return number("SELECT RETAIL_PRICE FROM BLC_SKU WHERE SKU_ID = ?", sku);
  }

  private static BigDecimal number(String sql, Object param) throws Exception {
    try (Connection c = hooks.demo.openDatabaseConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, param);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }
}

package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import com.ckengine.sandbox.RecordedPurchase;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The line roles the demo shows for real, bought over HTTP: a product sold with payment options
 * (its SKUs, chosen on the product page) makes a PAYMENT_OPTION line; the one-click upsell on the
 * confirmation page adds an UPSELL line to the same order (Product Added to Order, not Purchased).
 * Both reach the sandbox once and the stored events carry the roles.
 */
class LineRolesTest {
  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    hooks.site.rule(hooks.integration, "PRODUCT_PURCHASED", "ADD_TAG", 120L, "bought-accelerator");
    hooks.site.rule(hooks.integration, "PRODUCT_PURCHASED", "ADD_TAG", 103L, "bought-coaching");
  }

  @Test
  void aPaymentOptionChosenOnTheProductPageIsAPaymentOptionLine() throws Exception {
    String email = "instalments.buyer@example.com";
    WebClient browser = new WebClient(hooks.demo.storeUrl());
    HttpResponse<String> page = browser.get("/products/120");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("name=\"skuId\""), page.body());
    assertTrue(page.body().contains("value=\"120\""), page.body());
    assertTrue(page.body().contains("value=\"121\""), page.body());
    assertTrue(page.body().contains("3 monthly payments"), page.body());

    // A SKU that is not one of the product's options is refused and adds nothing.
    HttpResponse<String> wrong =
        browser.post("/cart/add", Map.of("productId", "120", "skuId", "101", "quantity", "1"));
    assertEquals(302, wrong.statusCode());
    assertTrue(browser.get("/cart").body().contains("payment options"));
    browser.get("/products/120");
    HttpResponse<String> added =
        browser.post("/cart/add", Map.of("productId", "120", "skuId", "121", "quantity", "1"));
    assertEquals(302, added.statusCode(), added.body());
    browser.get("/checkout");
    String order = hooks.checkout(browser, email, false);

    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    List<String> tags = hooks.tags(email);
    assertTrue(tags.containsAll(List.of("customer", "bought-accelerator")), tags.toString());
    List<RecordedPurchase> purchases = hooks.purchasesOf(order);
    assertEquals(1, purchases.size());
    assertEquals(0, new BigDecimal("105.00").compareTo(purchases.get(0).total()));
    String lines = hooks.linesJson("order:" + order);
    assertTrue(lines.contains("PAYMENT_OPTION"), lines);
    assertTrue(lines.contains("CK-LAUNCH-ACCEL-121"), lines);
    assertFalse(lines.contains("PRIMARY"), lines);
  }

  @Test
  void theOneClickUpsellAddsAnUpsellLineToTheSameOrder() throws Exception {
    String email = "upsell.buyer@example.com";
    WebClient browser = hooks.cartWith(102);
    String first = hooks.checkout(browser, email, false);
    HttpResponse<String> confirmation = browser.get("/confirmation/" + first);
    assertTrue(confirmation.body().contains("accept-upsell"), confirmation.body());
    assertTrue(confirmation.body().contains("Coaching Call"), confirmation.body());
    String csrf = browser.csrfToken();

    HttpResponse<String> accepted =
        browser.post("/confirmation/" + first + "/upsell", Map.of("csrfToken", csrf));
    assertEquals(302, accepted.statusCode(), accepted.body());
    String path = browser.redirectPath(accepted);
    assertEquals("/confirmation/" + first, path, "added to the same order, no follow-up order");
    // The page offers nothing more, and a second click adds nothing.
    assertFalse(browser.get(path).body().contains("accept-upsell"));
    HttpResponse<String> again =
        browser.post("/confirmation/" + first + "/upsell", Map.of("csrfToken", csrf));
    assertEquals("/confirmation/" + first, browser.redirectPath(again));

    await("delivery of " + first, Duration.ofSeconds(60), () -> delivered(first));
    await(
        "the added line's event",
        Duration.ofSeconds(60),
        () -> !hooks.site.log(first, "PRODUCT_ADDED_TO_ORDER").isEmpty());
    List<String> tags = hooks.tags(email);
    assertTrue(tags.contains("bought-ebook"), tags.toString());
    assertFalse(tags.contains("bought-coaching"), "added, not purchased: " + tags);
    assertEquals(1, hooks.purchasesOf(first).size());
    String firstLines = hooks.linesJson("order:" + first);
    assertFalse(firstLines.contains("UPSELL"), firstLines);
    String addedEvent = hooks.site.log(first, "PRODUCT_ADDED_TO_ORDER").get(0);
    assertTrue(addedEvent.contains("|" + first + "|"), addedEvent);
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, "PRODUCT_PURCHASED");
    if (!Hooks.allFinal(entries)) return false;
    for (String e : entries) if (!e.contains("|DELIVERED|")) return false;
    return true;
  }
}

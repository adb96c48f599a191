package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * confirmation page places a follow-up order whose line is an UPSELL. Both reach the sandbox once
 * and the stored events carry the roles.
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
  void theOneClickUpsellPlacesAFollowUpOrderWhoseLineIsAnUpsell() throws Exception {
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
    String second = path.substring(path.lastIndexOf('/') + 1);
    assertNotEquals(first, second);
    assertEquals("SUBMITTED", hooks.orderStatus(second));
    // The follow-up's page offers nothing more, and a second click places no second order.
    assertFalse(browser.get(path).body().contains("accept-upsell"));
    HttpResponse<String> again =
        browser.post("/confirmation/" + first + "/upsell", Map.of("csrfToken", csrf));
    assertEquals("/confirmation/" + first, browser.redirectPath(again));

    await("delivery of " + first, Duration.ofSeconds(60), () -> delivered(first));
    await("delivery of " + second, Duration.ofSeconds(60), () -> delivered(second));
    List<String> tags = hooks.tags(email);
    assertTrue(tags.containsAll(List.of("bought-ebook", "bought-coaching")), tags.toString());
    assertEquals(1, hooks.purchasesOf(first).size());
    assertEquals(1, hooks.purchasesOf(second).size());
    assertEquals(email, hooks.purchasesOf(second).get(0).emailAddress());
    String lines = hooks.linesJson("order:" + second);
    assertTrue(lines.contains("UPSELL") && lines.contains("CK-COACH-60"), lines);
    assertFalse(lines.contains("CK-EBOOK-NLP"), lines);
    String firstLines = hooks.linesJson("order:" + first);
    assertFalse(firstLines.contains("UPSELL"), firstLines);
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, "PRODUCT_PURCHASED");
    if (!Hooks.allFinal(entries)) return false;
    for (String e : entries) if (!e.contains("|DELIVERED|")) return false;
    return true;
  }
}

package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Product Purchased from real storefront purchases over HTTP, delivered to the sandbox exactly
 * once; and never lost: not when the immediate publish did not happen, not when the engine's tables
 * were unavailable, not when ConvertKit was down.
 */
class ProductPurchasedTest {
  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
  }

  @Test
  void aPurchaseWithTheBumpTagsBothProductsAndRecordsOnePurchaseMarkedTest() throws Exception {
    String email = "bump.buyer@example.com";
    String order = hooks.buy(email, true, 101);

    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    List<String> tags = hooks.tags(email);
    assertTrue(
        tags.containsAll(List.of("customer", "bought-course", "bought-bump")), tags.toString());
    assertFalse(tags.contains("bought-ebook"), tags.toString());
    assertEquals(1, hooks.purchasesOf(order).size(), "one purchase in Kit for the order");
    for (String e : hooks.site.log(order, "PRODUCT_PURCHASED")) {
      assertTrue(e.contains("|test|"), "the demo's test payment makes a test event: " + e);
    }
    String lines = hooks.linesJson("order:" + order);
    assertTrue(lines.contains("ORDER_BUMP") && lines.contains("PRIMARY"), lines);
    assertTrue(lines.contains("CK-COURSE-EMM") && lines.contains("CK-SWIPE-BUNDLE"), lines);
  }

  @Test
  void aPurchaseWithoutTheBumpTagsOnlyWhatWasBoughtAndRepeatedSweepsChangeNothing()
      throws Exception {
    String email = "plain.buyer@example.com";
    String order = hooks.buy(email, false, 102);
    await("delivery of " + order, Duration.ofSeconds(60), () -> delivered(order));
    List<String> tags = hooks.tags(email);
    assertTrue(tags.containsAll(List.of("customer", "bought-ebook")), tags.toString());
    assertFalse(tags.contains("bought-bump"), tags.toString());
    int entries = hooks.site.log(order, null).size();

    // Broadleaf fires its order event again on every save; the sweep looks at the order again: no
    // second event, no second purchase.
    hooks.site.call("resetSweep");
    hooks.site.sweep();
    hooks.site.sweep();
    assertEquals(entries, hooks.site.log(order, null).size());
    assertEquals(1, hooks.purchasesOf(order).size());
  }

  @Test
  void anOrderWhoseImmediatePublishNeverHappenedIsPublishedByTheSweep() throws Exception {
    String email = "missed.buyer@example.com";
    hooks.site.call("purchasesEnabled", "false");
    String order;
    try {
      order = hooks.buy(email, false, 106);
      assertEquals("SUBMITTED", hooks.orderStatus(order));
    } finally {
      hooks.site.call("purchasesEnabled", "true");
    }
    await("the sweep publishing " + order, Duration.ofSeconds(60), () -> delivered(order));
    assertTrue(hooks.tags(email).contains("bought-replay"));
    assertEquals(1, hooks.purchasesOf(order).size());
  }

  @Test
  void checkoutCompletesWhileTheEngineTablesAreUnavailableAndTheOrderIsDeliveredAfterwards()
      throws Exception {
    String email = "outage.buyer@example.com";
    String order;
    hooks.sql("ALTER TABLE CK_EVENT RENAME TO CK_EVENT_AWAY");
    try {
      order = hooks.buy(email, false, 102);
      assertEquals("SUBMITTED", hooks.orderStatus(order));
      Thread.sleep(6000); // the immediate publish and a sweep run fail meanwhile
    } finally {
      hooks.sql("ALTER TABLE CK_EVENT_AWAY RENAME TO CK_EVENT");
    }
    await("the sweep catching up " + order, Duration.ofSeconds(60), () -> delivered(order));
    assertTrue(hooks.tags(email).contains("bought-ebook"));
    assertEquals(1, hooks.purchasesOf(order).size());
  }

  @Test
  void checkoutCompletesWhileConvertKitIsDownAndTheActionsAreDeliveredAfterwards()
      throws Exception {
    String email = "kitdown.buyer@example.com";
    hooks.demo.kitSandbox().failNext(100000, 503);
    String order;
    try {
      order = hooks.buy(email, false, 101);
      assertEquals("SUBMITTED", hooks.orderStatus(order));
      await(
          "a failed attempt on " + order,
          Duration.ofSeconds(30),
          () -> hooks.site.log(order, null).stream().anyMatch(e -> e.contains("|RETRYING|")));
      assertFalse(hooks.demo.kitSandbox().hasSubscriber(hooks.secret, email));
    } finally {
      hooks.demo.kitSandbox().clearFaults();
    }
    await("delivery after Kit is back", Duration.ofSeconds(150), () -> delivered(order));
    assertTrue(hooks.tags(email).contains("bought-course"));
    assertEquals(1, hooks.purchasesOf(order).size());
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, "PRODUCT_PURCHASED");
    if (!Hooks.allFinal(entries)) return false;
    for (String e : entries) if (!e.contains("|DELIVERED|")) return false;
    return true;
  }
}

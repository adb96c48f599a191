package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, point 1, on the demo store: Past Orders over real Broadleaf orders (BroadleafPastOrders
 * reading BLC_ORDER, the live builder making each order's event). An order bought before a new
 * Product Purchased rule gets that rule's action from the run; an order bought after it, whose live
 * event planned it, is skipped; a second run sends nothing; the demo's orders are test orders (its
 * test payment), so leaving test orders out leaves every one out.
 */
class PastOrdersDemoTest {
  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
  }

  @Test
  void aNewRuleReachesAnEarlierOrderOnceAndSkipsTheOrderItsLiveEventServed() throws Exception {
    long from = System.currentTimeMillis() - 1000;
    String before = hooks.buy("past.before@example.com", false, 102);
    await("live delivery of " + before, Duration.ofSeconds(60), () -> delivered(before));
    long rule =
        Long.parseLong(
            hooks
                .site
                .call(
                    "rule",
                    String.valueOf(hooks.integration),
                    "PRODUCT_PURCHASED",
                    "REMOVE_TAG",
                    "102",
                    "ebook-waitlist")
                .get(0));
    try {
      String after = hooks.buy("past.after@example.com", false, 102);
      await("live delivery of " + after, Duration.ofSeconds(60), () -> delivered(after));
      String to = String.valueOf(System.currentTimeMillis() + 1000);
      String integration = String.valueOf(hooks.integration);
      String f = String.valueOf(from);

      String[] all =
          hooks
              .site
              .call("pastPreview", integration, f, to, String.valueOf(rule), "true", "false")
              .get(0)
              .split(",");
      assertEquals("2", all[0], "orders");
      assertEquals("2", all[1], "customers");
      assertEquals("2", all[4], "actions");
      assertEquals("1", all[5], "already planned live: the order bought after the rule");
      String[] noTest =
          hooks
              .site
              .call("pastPreview", integration, f, to, String.valueOf(rule), "true", "true")
              .get(0)
              .split(",");
      assertEquals("0", noTest[0], "the demo's orders are test orders");
      assertEquals("2", noTest[3], "left out as test");

      String run =
          hooks
              .site
              .call("pastStart", integration, f, to, String.valueOf(rule), "true", "false")
              .get(0);
      String[] done = awaitDone(run);
      assertEquals("2", done[1], "total");
      assertEquals("1", done[3], "sent: the order bought before the rule");
      assertEquals("1", done[4], "skipped: its live event had planned the action");
      List<String> past = hooks.site.call("pastLog", before);
      assertEquals(1, past.size(), past.toString());
      assertTrue(past.get(0).startsWith("REMOVE_TAG|"), past.toString());
      assertTrue(past.get(0).endsWith("|" + run), past.toString());
      assertTrue(hooks.site.call("pastLog", after).isEmpty());

      String second =
          hooks
              .site
              .call("pastStart", integration, f, to, String.valueOf(rule), "true", "false")
              .get(0);
      String[] again = awaitDone(second);
      assertEquals("0", again[3], "a second run sends nothing");
      assertEquals(1, hooks.site.call("pastLog", before).size());
    } finally {
      hooks.site.call("ruleEnabled", String.valueOf(rule), "false");
    }
  }

  private static String[] awaitDone(String run) throws Exception {
    await(
        "past-orders run " + run,
        Duration.ofSeconds(60),
        () -> hooks.site.call("pastProgress", run).get(0).startsWith("DONE,"));
    return hooks.site.call("pastProgress", run).get(0).split(",");
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, "PRODUCT_PURCHASED");
    return !entries.isEmpty() && Hooks.allFinal(entries);
  }
}

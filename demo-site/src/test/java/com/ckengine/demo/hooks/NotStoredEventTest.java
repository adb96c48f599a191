package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One order whose event the store's database refuses waits alone, and the operator sees it and gets
 * it through: the order sweep passes it and publishes the later order, the admin's Logs tab shows
 * the refused event with the database's reason (escaped) and Integration Setup warns; once the
 * cause is gone, Retry (a POST with Broadleaf's CSRF token; without it nothing happens) and the
 * next sweep run store it once and deliver it, and the notice goes. The refusal is real: a database
 * trigger on {@code CK_EVENT} refusing the order events of one email.
 */
class NotStoredEventTest {
  private static final String REASON = "refused <b>by the store's DBA</b>";
  private static final String REASON_ESCAPED = "refused &lt;b&gt;by the store";
  private static final Pattern WARNING_COUNT =
      Pattern.compile("id=\"ck-not-stored-warning\"[^>]*>\\s*<strong>(\\d+) events? could not");

  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
  }

  @Test
  void aRefusedOrderWaitsAloneIsShownInTheAdminAndIsStoredOnceAfterRetry() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String refusedEmail = "refused." + suffix + "@example.com";
    String laterEmail = "later." + suffix + "@example.com";
    String goneEmail = "gone." + suffix + "@example.com";
    WebClient admin =
        WebClient.adminSignedIn(
            hooks.demo.adminUrl(), DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    int warnedBefore = warningCount(admin.get("/ckengine-integrations").body());

    // The sweep runs only when told, and only it publishes these orders.
    hooks.site.call("sweepScheduled", "false");
    boolean triggerOn = false;
    try {
      hooks.sql(
          "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
              + "FOR EACH ROW WHEN (N.EMAIL IN ('"
              + refusedEmail
              + "', '"
              + goneEmail
              + "') AND N.EVENT_KEY LIKE 'order:%') "
              + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '"
              + REASON.replace("'", "''")
              + "'");
      triggerOn = true;
      String refused;
      String gone;
      String later;
      hooks.site.call("purchasesEnabled", "false");
      try {
        refused = hooks.buy(refusedEmail, false, 102);
        gone = hooks.buy(goneEmail, false, 102);
        later = hooks.buy(laterEmail, false, 102);
      } finally {
        hooks.site.call("purchasesEnabled", "true");
      }
      Thread.sleep(1500); // past the sweep's grace period

      String[] run = hooks.site.sweep().split(",");
      assertEquals("false", run[2], "the sweep is not stopped by the refused order");
      assertTrue(Integer.parseInt(run[3]) >= 2, "it passes the refused orders: " + List.of(run));
      await("delivery of the later order " + later, Duration.ofSeconds(60), () -> delivered(later));
      assertTrue(hooks.site.log(refused, "PRODUCT_PURCHASED").isEmpty(), "nothing stored");

      // Logs: the refused event, with the database's reason as text; Integration Setup warns.
      String logs = page(admin, "/ckengine-integrations/logs");
      String row = notStoredRow(logs, refused);
      assertTrue(row.contains(REASON_ESCAPED), row);
      assertFalse(logs.contains("<b>by the store"), "the reason is never markup");
      assertTrue(row.contains("Product Purchased"), row);
      assertFalse(row.contains("Retry requested"), row);
      assertFalse(notStoredSection(logs).contains("order:" + later), "the later one is stored");
      String setup = page(admin, "/ckengine-integrations");
      assertEquals(warnedBefore + 2, warningCount(setup), "Integration Setup warns");
      assertTrue(setup.contains("/ckengine-integrations/logs#ck-not-stored"), "and links there");

      assertFalse(row.contains("ck-not-stored-dismiss"), "its order exists: no Dismiss");

      // An order deleted since (here: no longer found by its number) can only be dismissed.
      hooks.sql(
          "UPDATE BLC_ORDER SET ORDER_NUMBER = 'deleted-"
              + gone
              + "' WHERE ORDER_NUMBER = '"
              + gone
              + "'");
      logs = page(admin, "/ckengine-integrations/logs");
      String goneRow = notStoredRow(logs, gone);
      assertTrue(goneRow.contains("no longer exists"), goneRow);
      assertTrue(goneRow.contains("ck-not-stored-dismiss"), goneRow);
      assertFalse(goneRow.contains("ck-not-stored-retry"), goneRow);
      HttpResponse<String> noToken =
          admin.post(
              "/ckengine-integrations/logs/not-stored/dismiss",
              Map.of("csrfToken", "", "eventKey", "order:" + gone));
      assertNotEquals(302, noToken.statusCode());
      notStoredRow(page(admin, "/ckengine-integrations/logs"), gone); // still listed
      HttpResponse<String> dismissed =
          admin.post(
              "/ckengine-integrations/logs/not-stored/dismiss",
              Map.of("eventKey", "order:" + gone));
      assertEquals(302, dismissed.statusCode(), dismissed.body());
      logs = page(admin, "/ckengine-integrations/logs");
      assertTrue(elementText(logs, "ck-notice").contains("Dismissed"), logs);
      assertFalse(logs.contains("data-event-key=\"order:" + gone + "\""), "dismissed");
      assertEquals(warnedBefore + 1, warningCount(page(admin, "/ckengine-integrations")));

      // The DBA removes the cause.
      hooks.sql("DROP TRIGGER CK_TEST_REFUSE");
      triggerOn = false;

      // Retry without (or with a forged) CSRF token: nothing is asked.
      admin.get("/ckengine-integrations/logs");
      for (String token : new String[] {"", "forged"}) {
        HttpResponse<String> forged =
            admin.post(
                "/ckengine-integrations/logs/not-stored/retry",
                Map.of("csrfToken", token, "eventKey", "order:" + refused));
        assertNotEquals(302, forged.statusCode(), "token '" + token + "'");
      }
      assertFalse(
          notStoredRow(page(admin, "/ckengine-integrations/logs"), refused)
              .contains("Retry requested"),
          "a POST without the token asks nothing");

      // Retry with the token: asked, and the notice says when.
      HttpResponse<String> retried =
          admin.post(
              "/ckengine-integrations/logs/not-stored/retry",
              Map.of("eventKey", "order:" + refused));
      assertEquals(302, retried.statusCode(), retried.body());
      logs = page(admin, "/ckengine-integrations/logs");
      String notice = elementText(logs, "ck-notice");
      assertTrue(notice.contains("next run, within 4 seconds"), notice);
      assertTrue(notStoredRow(logs, refused).contains("Retry requested"), logs);

      String[] after = hooks.site.sweep().split(",");
      assertEquals("false", after[2]);
      await("delivery of " + refused, Duration.ofSeconds(60), () -> delivered(refused));
      assertNotNull(hooks.linesJson("order:" + refused), "stored");
      assertEquals(1, hooks.purchasesOf(refused).size(), "one purchase in Kit");
      hooks.site.sweep();
      assertEquals(1, hooks.purchasesOf(refused).size(), "still one after another run");

      logs = page(admin, "/ckengine-integrations/logs");
      assertFalse(logs.contains("data-event-key=\"order:" + refused + "\""), "no longer listed");
      assertEquals(warnedBefore, warningCount(page(admin, "/ckengine-integrations")));
    } finally {
      if (triggerOn) hooks.sql("DROP TRIGGER CK_TEST_REFUSE");
      hooks.site.call("sweepScheduled", "true");
    }
  }

  private static boolean delivered(String order) {
    List<String> entries = hooks.site.log(order, "PRODUCT_PURCHASED");
    if (!Hooks.allFinal(entries)) return false;
    for (String e : entries) if (!e.contains("|DELIVERED|")) return false;
    return true;
  }

  private static String page(WebClient admin, String path) throws Exception {
    HttpResponse<String> r = admin.get(path);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** The warning's count on Integration Setup; 0 when there is no warning. */
  private static int warningCount(String setupPage) {
    if (!setupPage.contains("id=\"ck-not-stored-warning\"")) return 0;
    Matcher m = WARNING_COUNT.matcher(setupPage);
    assertTrue(m.find(), setupPage);
    return Integer.parseInt(m.group(1));
  }

  private static String notStoredSection(String logsPage) {
    int at = logsPage.indexOf("id=\"ck-not-stored\"");
    return at < 0 ? "" : logsPage.substring(at, logsPage.indexOf("</table>", at));
  }

  private static String notStoredRow(String logsPage, String order) {
    String section = notStoredSection(logsPage);
    int at = section.indexOf("data-event-key=\"order:" + order + "\"");
    assertTrue(at >= 0, "order " + order + " in the Not stored section of\n" + logsPage);
    return section.substring(at, section.indexOf("</tr>", at));
  }

  private static String elementText(String html, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)").matcher(html);
    assertTrue(m.find(), "#" + id + " in\n" + html);
    return m.group(1).trim().replaceAll("\\s+", " ").replace("&#39;", "'");
  }
}

package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.kit.KitClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * The Logs tab over HTTP with more than one page: a subscription's events, found by its id, paged
 * 25 at a time, the Older link keeping the filters. The events are written by a second engine node
 * on the demo's database (as a store with two nodes would), which is much quicker than 30
 * checkouts.
 */
class AdminLogsPagingTest {
  private static final Pattern ROW = Pattern.compile("data-entry-id=\"(\\d+)\"");
  private static final Pattern OLDER = Pattern.compile("id=\"ck-log-older\"[^>]*href=\"([^\"]+)\"");
  private static final Pattern OLDER_HREF_FIRST =
      Pattern.compile("href=\"([^\"]+)\"[^>]*id=\"ck-log-older\"");

  @Test
  void aSubscriptionsEntriesArePagedAndTheOlderLinkKeepsTheFilters() throws Exception {
    DemoServer demo = RunningDemo.get();
    AdminUsers.seed(demo);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String subscription = "sub_" + suffix;
    String email = "paging." + suffix + "@example.com";
    int events = 30;
    EntityManagerFactory emf = DemoNodeDatabase.open(2);
    try (IntegrationEngine node =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(demo.kitBaseUrl()).build())
            .secretKey(SecretCipher.generateKey()) // reads no secret: delivery is not started
            .build()) {
      for (int n = 0; n < events; n++) {
        node.publisher()
            .publish(
                StoreEvent.builder()
                    .trigger(Trigger.SUBSCRIPTION_DELINQUENT)
                    .occurredAt(Instant.now())
                    .email(email)
                    .reference(subscription)
                    .eventKey("subscription:" + subscription + ":delinquent:" + n)
                    .build());
      }
    } finally {
      emf.close();
    }

    WebClient admin = new WebClient(demo.adminUrl());
    admin.get("/login");
    HttpResponse<String> login =
        admin.post(
            "/login_admin_post",
            Map.of("j_username", DemoServer.ADMIN_USER, "j_password", DemoServer.ADMIN_PASSWORD));
    assertTrue(admin.redirectPath(login).contains("loginSuccess"), admin.redirectPath(login));
    String filters = "reference=" + subscription + "&trigger=SUBSCRIPTION_DELINQUENT";
    HttpResponse<String> first = admin.get("/ckengine-integrations/logs?" + filters);
    assertEquals(200, first.statusCode());
    List<Long> firstIds = ids(first.body());
    assertEquals(25, firstIds.size(), "a page holds 25 entries");
    assertFalse(first.body().contains("id=\"ck-log-newer\""), "the first page is the newest");

    Set<Long> seen = new HashSet<>(firstIds);
    String page = first.body();
    assertOnlyTheSubscription(page, subscription);
    int pages = 1;
    while (true) {
      String older = olderLink(page);
      if (older == null) break;
      assertTrue(older.contains("reference=" + subscription), "the filters are kept: " + older);
      assertTrue(older.contains("trigger=SUBSCRIPTION_DELINQUENT"), older);
      assertTrue(older.contains("after="), older);
      String path = older.substring(older.indexOf("/ckengine-integrations/logs"));
      HttpResponse<String> next = admin.get(path);
      assertEquals(200, next.statusCode());
      page = next.body();
      pages++;
      assertTrue(page.contains("id=\"ck-log-newer\""), "an older page links to the newest");
      for (long id : ids(page)) assertTrue(seen.add(id), "entry " + id + " shown twice");
      assertOnlyTheSubscription(page, subscription);
      assertTrue(pages < 10, "the Older links end");
    }
    assertTrue(pages >= 2, "more than one page");
    assertTrue(seen.size() >= events, "every event's entry: " + seen.size());
  }

  /** Every row of the page is the subscription's: the filter held. */
  private static void assertOnlyTheSubscription(String page, String subscription) {
    int rows = countOf(page, "class=\"ck-log-row\"");
    assertTrue(rows > 0, page);
    assertEquals(rows, countOf(page, "<td>" + subscription + "</td>"), "only its entries");
  }

  private static List<Long> ids(String page) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ROW.matcher(page);
    while (m.find()) ids.add(Long.parseLong(m.group(1)));
    return ids;
  }

  /** The Older link's target, unescaped; null on the last page. */
  private static String olderLink(String page) {
    Matcher m = OLDER.matcher(page);
    if (!m.find()) {
      m = OLDER_HREF_FIRST.matcher(page);
      if (!m.find()) return null;
    }
    return m.group(1).replace("&amp;", "&");
  }

  private static int countOf(String page, String what) {
    int n = 0;
    for (int at = page.indexOf(what); at >= 0; at = page.indexOf(what, at + 1)) n++;
    return n;
  }
}

package com.ckengine.demo.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.demo.it.RunningDemo;
import com.ckengine.demo.it.WebClient;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.RecordedPurchase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running demo with one ConvertKit integration (the sandbox's demo account) and the rules the
 * hook tests look for, set up once per test JVM, plus a shopper that buys over HTTP.
 */
public final class Hooks {
  private static Hooks instance;

  public final DemoServer demo;
  public final Site site;
  public final String secret;
  public final long integration;

  private Hooks(DemoServer demo) throws Exception {
    this.demo = demo;
    this.site = new Site(demo);
    // An account of its own: a Kit account is connected once, and other tests share this demo.
    this.secret =
        com.ckengine.sandbox.DemoAccount.createAnother(
            demo.kitSandbox(), "hooks-tests@demo-store.example");
    this.integration = site.connect("Demo sandbox (hooks tests)", secret);
    // Ten rules: the checkout benchmark's "plugin and ten rules" too.
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", null, "customer");
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_PURCHASE", null);
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 101L, "bought-course");
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 105L, "bought-bump");
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 102L, "bought-ebook");
    site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", 106L, "bought-replay");
    site.rule(integration, "PRODUCT_REFUNDED", "ADD_TAG", null, "refunded");
    site.rule(integration, "PRODUCT_REFUNDED", "REMOVE_TAG", 101L, "bought-course");
    site.rule(integration, "PRODUCT_PARTIALLY_REFUNDED", "ADD_TAG", null, "partially-refunded");
    site.rule(integration, "PROSPECT_CREATED", "ADD_TAG", null, "abandoned-cart");
  }

  public static synchronized Hooks get() throws Exception {
    if (instance == null) instance = new Hooks(RunningDemo.get());
    return instance;
  }

  /** The subscriber's tags, lower-cased (Kit's tag names are case-insensitive). */
  public List<String> tags(String email) {
    List<String> out = new ArrayList<>();
    for (String t : demo.kitSandbox().subscriberTags(secret, email)) {
      out.add(t.toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  public List<RecordedPurchase> purchasesOf(String orderNumber) {
    List<RecordedPurchase> out = new ArrayList<>();
    for (RecordedPurchase p : demo.kitSandbox().purchases(secret)) {
      if (orderNumber.equals(p.transactionId())) out.add(p);
    }
    return out;
  }

  /** A new browser session with {@code productIds} in its cart. */
  public WebClient cartWith(long... productIds) throws Exception {
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/");
    for (long id : productIds) {
      HttpResponse<String> added =
          browser.post("/cart/add", Map.of("productId", String.valueOf(id), "quantity", "1"));
      assertEquals(302, added.statusCode(), added.body());
    }
    browser.get("/checkout");
    return browser;
  }

  /** Checks out the browser's cart; returns the order number. */
  public String checkout(WebClient browser, String email, boolean bump) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("email", email);
    form.put("firstName", "Tess");
    if (bump) {
      form.put("addOrderBump", "true");
      form.put("_addOrderBump", "on");
    }
    HttpResponse<String> placed = browser.post("/checkout", form);
    assertEquals(302, placed.statusCode(), placed.body());
    String path = browser.redirectPath(placed);
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public String buy(String email, boolean bump, long... productIds) throws Exception {
    return checkout(cartWith(productIds), email, bump);
  }

  public String orderStatus(String orderNumber) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT ORDER_STATUS FROM BLC_ORDER WHERE ORDER_NUMBER = ?")) {
      q.setString(1, orderNumber);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The stored events' lines JSON of an event key, or null. */
  public String linesJson(String eventKey) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT LINES_JSON FROM CK_EVENT WHERE EVENT_KEY = ?")) {
      q.setString(1, eventKey);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void sql(String statement) throws Exception {
    try (Connection c = demo.openDatabaseConnection()) {
      c.setAutoCommit(true);
      c.createStatement().execute(statement);
    }
  }

  /** True when every entry is final (nothing pending or retrying). */
  public static boolean allFinal(List<String> entries) {
    if (entries.isEmpty()) return false;
    for (String e : entries) {
      String status = e.split("\\|")[2];
      if (status.equals("PENDING") || status.equals("RETRYING")) return false;
    }
    return true;
  }
}

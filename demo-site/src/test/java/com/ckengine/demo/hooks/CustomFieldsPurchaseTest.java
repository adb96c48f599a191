package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.demo.it.WebClient;
import com.ckengine.sandbox.DemoAccount;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom fields from real storefront purchases: an integration maps the seven store fields to the
 * Kit account's custom fields (created in the sandbox, read by a Refresh), and a returning guest
 * who buys twice, each time in a new browser session, ends up in Kit with the last name, phone and
 * billing city and country typed at checkout, the product just bought, and an order count and total
 * spent that take both orders into account (Broadleaf's own orders, addresses and countries, read
 * by {@code CustomerFacts} and {@code JpaCustomerHistory}).
 */
class CustomFieldsPurchaseTest {
  private static final long PLAYBOOK = 102; // $29.00
  private static final long REPLAY = 106; // $49.00
  private static Hooks hooks;
  private static String secret;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    secret = DemoAccount.createAnother(hooks.demo.kitSandbox(), "fields-tests@demo-store.example");
    long integration = hooks.site.connect("Demo sandbox (custom fields)", secret);
    // The demo account has "Last name", "Phone number" and "Company"; the rest is made in Kit
    // after connecting, so only a Refresh lets the mapping name them.
    for (String label : List.of("City", "Country", "Orders", "Spent", "Last product")) {
      hooks.demo.kitSandbox().createCustomField(secret, label);
    }
    assertEquals(List.of("8"), hooks.site.call("refreshFields", String.valueOf(integration)));
    hooks.site.call(
        "mapFields",
        String.valueOf(integration),
        "LAST_NAME",
        "last_name",
        "PHONE",
        "phone_number",
        "BILLING_CITY",
        "city",
        "BILLING_COUNTRY",
        "country",
        "ORDER_COUNT",
        "orders",
        "TOTAL_SPENT",
        "spent",
        "PRODUCT_BOUGHT",
        "last_product");
    hooks.site.rule(integration, "PRODUCT_PURCHASED", "ADD_TAG", null, "buyer");
  }

  @Test
  void aReturningGuestsSecondPurchaseSendsBothOrdersAndTheBillingAddress() throws Exception {
    String email = "fields.buyer@example.com";

    buy(email, PLAYBOOK);
    awaitField(email, "orders", "1");
    Map<String, String> afterFirst = hooks.demo.kitSandbox().subscriberFields(secret, email);
    assertEquals("29.00", afterFirst.get("spent"), afterFirst.toString());
    assertEquals("The Newsletter Playbook", afterFirst.get("last_product"), afterFirst.toString());

    buy(email, REPLAY);
    awaitField(email, "orders", "2");
    assertEquals(
        Map.of(
            "last_name", "Lindqvist",
            "phone_number", "+46 70 123 45 67",
            "city", "Uppsala",
            "country", "Sweden",
            "orders", "2",
            "spent", "78.00",
            "last_product", "Workshop Replay"),
        hooks.demo.kitSandbox().subscriberFields(secret, email));
  }

  @Test
  void aPastOrdersRunSendsAnOrdersFieldsAsTheyWereWhenItWasPlaced() throws Exception {
    long from = System.currentTimeMillis() - 1000;
    String email = "fields.past@example.com";
    buy(email, PLAYBOOK);
    await(
        "the order's live event",
        Duration.ofSeconds(60),
        () -> {
          List<String> live = hooks.site.logByEmail(email, "PRODUCT_PURCHASED");
          return !live.isEmpty() && Hooks.allFinal(live);
        });
    // An account connected after the order: only Past Orders brings the order to it.
    String later =
        DemoAccount.createAnother(hooks.demo.kitSandbox(), "fields-past@demo-store.example");
    long integration = hooks.site.connect("Demo sandbox (past orders' fields)", later);
    hooks.demo.kitSandbox().createCustomField(later, "Orders");
    hooks.site.call("refreshFields", String.valueOf(integration));
    hooks.site.call(
        "mapFields",
        String.valueOf(integration),
        "LAST_NAME",
        "last_name",
        "ORDER_COUNT",
        "orders");
    long rule =
        Long.parseLong(
            hooks
                .site
                .call(
                    "rule", String.valueOf(integration), "PRODUCT_PURCHASED", "ADD_TAG", "", "past")
                .get(0));
    String to = String.valueOf(System.currentTimeMillis() + 1000);
    String run =
        hooks
            .site
            .call(
                "pastStart",
                String.valueOf(integration),
                String.valueOf(from),
                to,
                String.valueOf(rule),
                "true",
                "false")
            .get(0);
    await(
        "past-orders run " + run,
        Duration.ofSeconds(60),
        () -> hooks.site.call("pastProgress", run).get(0).startsWith("DONE,"));

    assertEquals("1", hooks.site.call("pastProgress", run).get(0).split(",")[3], "sent by the run");
    Map<String, String> fields = hooks.demo.kitSandbox().subscriberFields(later, email);
    assertEquals("Lindqvist", fields.get("last_name"), fields.toString());
    assertEquals("1", fields.get("orders"), fields.toString());
  }

  /** Checks out in a new browser session, as a guest who comes back another day. */
  private static void buy(String email, long product) throws Exception {
    WebClient browser = hooks.cartWith(product);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("email", email);
    form.put("firstName", "Tess");
    form.put("lastName", "Lindqvist");
    form.put("phone", "+46 70 123 45 67");
    form.put("street", "Svartbäcksgatan 12");
    form.put("postalCode", "753 20");
    form.put("city", "Uppsala");
    form.put("country", "SE");
    HttpResponse<String> placed = browser.post("/checkout", form);
    assertEquals(302, placed.statusCode(), placed.body());
  }

  private static void awaitField(String email, String key, String value) {
    await(
        "Kit's field " + key + " = " + value + " for " + email,
        Duration.ofSeconds(60),
        () -> value.equals(hooks.demo.kitSandbox().subscriberFields(secret, email).get(key)));
  }
}

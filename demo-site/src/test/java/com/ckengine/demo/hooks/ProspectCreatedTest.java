package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.it.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prospect Created (cart abandonment) from the storefront: a cart that got an email address and was
 * left is tagged after the delay (25 s in tests); a cart bought before the delay ends is not.
 */
class ProspectCreatedTest {
  private static Hooks hooks;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
  }

  @Test
  void anAbandonedCartIsTaggedAfterTheDelayOnce() throws Exception {
    String email = "abandoned.cart@example.com";
    WebClient browser = hooks.cartWith(103);
    leaveEmail(browser, email);
    await(
        "the prospect to be recorded",
        Duration.ofSeconds(20),
        () -> !hooks.site.logByEmail(email, "PROSPECT_CREATED").isEmpty());
    assertFalse(hooks.tags(email).contains("abandoned-cart"), "not before the delay");
    await(
        "the prospect's delayed tag",
        Duration.ofSeconds(90),
        () -> hooks.tags(email).contains("abandoned-cart"));
    // The tag can land in Kit while the attempt that sent it still ends in an I/O error (the
    // connection broke after the request): that action is retried, and must end delivered once.
    await(
        "the prospect's action to end",
        Duration.ofSeconds(90),
        () -> Hooks.allFinal(hooks.site.logByEmail(email, "PROSPECT_CREATED")));
    List<String> log = hooks.site.logByEmail(email, "PROSPECT_CREATED");
    assertTrue(log.size() == 1 && log.get(0).contains("|DELIVERED|"), log.toString());
  }

  @Test
  void aCartBoughtBeforeTheDelayEndsIsNotTagged() throws Exception {
    String email = "bought.in.time@example.com";
    WebClient browser = hooks.cartWith(106);
    leaveEmail(browser, email);
    await(
        "the prospect to be recorded",
        Duration.ofSeconds(20),
        () -> !hooks.site.logByEmail(email, "PROSPECT_CREATED").isEmpty());
    browser.get("/checkout");
    String order = hooks.checkout(browser, email, false);
    await(
        "the prospect's end",
        Duration.ofSeconds(90),
        () -> Hooks.allFinal(hooks.site.logByEmail(email, "PROSPECT_CREATED")));
    Thread.sleep(30000); // past the delay: nothing may come
    assertFalse(hooks.tags(email).contains("abandoned-cart"), hooks.tags(email).toString());
    for (String e : hooks.site.logByEmail(email, "PROSPECT_CREATED")) {
      assertTrue(e.contains("|CANCELLED|"), e);
    }
    assertTrue(
        hooks.tags(email).contains("customer"), "the purchase itself went through: " + order);
  }

  @Test
  void aCustomerWhoBoughtUnderTheirAccountsEmailIsNotChased() throws Exception {
    String email = "account.buyer@example.com";
    WebClient abandoned = hooks.cartWith(103);
    leaveEmail(abandoned, email);
    await(
        "the prospect to be recorded",
        Duration.ofSeconds(20),
        () -> !hooks.site.logByEmail(email, "PROSPECT_CREATED").isEmpty());
    // The same person buys from another cart, signed in: the order itself carries no email, only
    // the customer's account does (as Broadleaf stores an order placed by a registered customer).
    String order = hooks.buy("account.buyer.order@example.com", false, 106);
    hooks.sql(
        "UPDATE BLC_CUSTOMER SET EMAIL_ADDRESS = '"
            + email
            + "' WHERE CUSTOMER_ID = (SELECT CUSTOMER_ID FROM BLC_ORDER WHERE ORDER_NUMBER = '"
            + order
            + "')");
    hooks.sql("UPDATE BLC_ORDER SET EMAIL_ADDRESS = NULL WHERE ORDER_NUMBER = '" + order + "'");
    await(
        "the prospect's end",
        Duration.ofSeconds(90),
        () -> Hooks.allFinal(hooks.site.logByEmail(email, "PROSPECT_CREATED")));
    for (String e : hooks.site.logByEmail(email, "PROSPECT_CREATED")) {
      assertTrue(e.contains("|CANCELLED|") && e.contains(order), e);
    }
    assertFalse(hooks.tags(email).contains("abandoned-cart"), hooks.tags(email).toString());
  }

  /**
   * The checkout with an email and no way to finish: an invalid first name keeps the order open
   * while the checkout saves the email on the cart, as entered.
   */
  private static void leaveEmail(WebClient browser, String email) throws Exception {
    browser.post("/checkout/email", Map.of("email", email));
  }
}

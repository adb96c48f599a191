package com.ckengine.demo.hooks;

import static com.ckengine.demo.hooks.Site.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Add Subscriber To Form from a real storefront purchase: a Product Purchased rule on the coaching
 * call naming the demo account's form (picked from the forms cached when the integration was
 * connected) subscribes the buyer to that form in the Kit sandbox, and the log names the form.
 */
class FormSubscriptionPurchaseTest {
  private static final long COACHING = 103;
  private static final String FORM = "Newsletter sign-up";
  private static Hooks hooks;
  private static long formId;

  @BeforeAll
  static void boot() throws Exception {
    hooks = Hooks.get();
    List<String> made =
        hooks.site.call(
            "targetRule",
            String.valueOf(hooks.integration),
            "PRODUCT_PURCHASED",
            "ADD_TO_FORM",
            String.valueOf(COACHING),
            FORM);
    formId = Long.parseLong(made.get(1));
  }

  @Test
  void aPurchaseSubscribesTheBuyerToTheFormAndTheLogNamesIt() throws Exception {
    String email = "form.buyer@example.com";

    String order = hooks.buy(email, false, COACHING);

    await(
        "the form subscription of " + order,
        Duration.ofSeconds(60),
        () -> hooks.site.call("targets", order).stream().anyMatch(l -> l.contains("|DELIVERED|")));
    assertTrue(hooks.demo.kitSandbox().isAddedTo(hooks.secret, email, formId), "added in Kit");
    assertEquals(
        List.of(
            "ADD_TO_FORM|"
                + FORM
                + "|DELIVERED|Subscribe "
                + email
                + " (with first name) to the form "
                + FORM),
        hooks.site.call("targets", order));
  }
}

package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 17 in a real browser (headless Chromium) against the demo and its sandbox: an operator
 * connects a Kit account with a pasted V4 API key (the list says so; the rule wizard keeps Add
 * Purchase from it, saying why; an Add Tag rule tags a buyer), then with "Connect with Kit" (Kit's
 * consent page, Authorize, back in the admin), writes an Add Purchase rule and buys: the purchase
 * reaches Kit over OAuth. A Kit account of its own, so the other tests' demo account is left alone.
 */
class ConnectKitCredentialsBrowserTest extends BrowserTestBase {
  private static final long PRODUCT = 101;
  private static final String ACCOUNT = "Second Store";

  private static KitSandbox kit;
  private static String secret;

  @BeforeAll
  static void boot() throws Exception {
    kit = demo.kitSandbox();
    secret = kit.createAccount(ACCOUNT, "owner@second-store.example");
    kit.createTag(secret, "Buyer");
  }

  @Test
  void connectsWithAV4KeyThenWithKitOAuthAndAPurchaseReachesKit() throws Exception {
    page.runSavingThePageOnFailure("connect-kit-failure.html", this::connectAndBuy);
  }

  private void connectAndBuy() throws Exception {
    page.logInAsAdmin();

    // A pasted V4 API key: Kit is asked which credential it is.
    page.openAdmin("ckengine-integrations/new");
    page.type("#ck-label", "Second by key");
    page.type("#ck-secret", kit.v4ApiKey(secret));
    page.clickAndLoad(page.find("#ck-save"));
    assertTrue(page.text("#ck-notice").contains("V4 API key"), page.text("#ck-notice"));
    String credential =
        page.integrationRow("Second by key")
            .findElement(By.cssSelector(".ck-credential"))
            .getText();
    assertTrue(credential.contains("V4 API key"), credential);
    assertTrue(credential.contains("no purchases"), credential);
    browser.screenshot("25-connected-with-a-v4-key");

    // The wizard keeps Add Purchase from a V4 key, and says why.
    page.click("#ck-tab-rules");
    page.click("#ck-new-rule");
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Purchased");
    page.clickAndLoad(page.find("#ck-next"));
    new Select(page.find("#ck-integration"))
        .selectByVisibleText("Second by key (" + ACCOUNT + ") - V4 API key: no purchases");
    new Select(page.find("#ck-action")).selectByVisibleText("Add Purchase To ConvertKit");
    page.clickAndLoad(page.find("#ck-next"));
    String why = page.text("#ck-action-error");
    assertTrue(why.contains("V4 API key") && why.contains("Kit OAuth"), why);
    browser.screenshot("26-add-purchase-needs-oauth");

    // Add Tag works with a key: the rule is saved, and a purchase tags the customer in Kit.
    new Select(page.find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    // The tags step is the next page: its list, not the page before's, is where Buyer is ticked.
    page.clickAndLoad(page.find("#ck-next"));
    page.tagCheckbox("Buyer").click();
    page.click("#ck-submit");
    assertTrue(page.text("#ck-notice").contains("for all products"), page.text("#ck-notice"));
    String keyBuyer = "key.buyer." + System.nanoTime() + "@example.com";
    buy(keyBuyer);
    long tagged = System.currentTimeMillis() + 90_000;
    while (!kit.subscriberTags(secret, keyBuyer).contains("Buyer")) {
      if (System.currentTimeMillis() > tagged) {
        throw new AssertionError("no Buyer tag on " + keyBuyer + " in Kit");
      }
      Thread.sleep(200);
    }

    // Delete it, and connect the same account with Kit OAuth instead.
    page.deleteIntegration("Second by key");
    page.openAdmin("ckengine-integrations/new");
    page.type("#ck-label", "Second by OAuth");
    page.clickAndLoad(page.find("#ck-connect-with-kit"));
    // Kit's consent page (the sandbox's): the app, the account, Authorize.
    assertTrue(driver.getCurrentUrl().startsWith(demo.kitV4BaseUrl() + "oauth/authorize"));
    assertTrue(page.text("body").contains("ckdemo-store"), page.text("body"));
    new Select(page.find("#account"))
        .selectByVisibleText(ACCOUNT + " <owner@second-store.example>");
    browser.screenshot("27-kit-consent-page");
    page.clickAndLoad(page.find("button[value=authorize]"));
    assertTrue(page.text("#ck-notice").contains("with Kit OAuth"), page.text("#ck-notice"));
    assertTrue(
        page.integrationRow("Second by OAuth")
            .findElement(By.cssSelector(".ck-credential"))
            .getText()
            .contains("Kit OAuth"));
    browser.screenshot("28-connected-with-kit-oauth");

    // Add Purchase on the OAuth integration, and a purchase on the storefront.
    page.click("#ck-tab-rules");
    page.click("#ck-new-rule");
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Purchased");
    page.clickAndLoad(page.find("#ck-next"));
    new Select(page.find("#ck-integration"))
        .selectByVisibleText("Second by OAuth (" + ACCOUNT + ")");
    new Select(page.find("#ck-action")).selectByVisibleText("Add Purchase To ConvertKit");
    page.clickAndLoad(page.find("#ck-next"));
    page.click("#ck-submit");
    assertTrue(page.text("#ck-notice").contains("for all products"), page.text("#ck-notice"));

    String email = "oauth.buyer." + System.nanoTime() + "@example.com";
    String order = buy(email);
    long until = System.currentTimeMillis() + 90_000;
    while (purchaseOf(email) == null) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("no purchase for " + email + " in Kit: " + kit.purchases(secret));
      }
      Thread.sleep(200);
    }
    assertEquals(order, purchaseOf(email).transactionId());

    // Leave the demo as it was for the other tests: the integration goes, its rule is disabled.
    page.deleteIntegration("Second by OAuth");
  }

  private static RecordedPurchase purchaseOf(String email) {
    for (RecordedPurchase p : kit.purchases(secret)) {
      if (email.equals(p.emailAddress())) return p;
    }
    return null;
  }

  // ---- steps, as an operator takes them --------------------------------------------------------

  private static String buy(String email) {
    return page.buyOnStorefront(PRODUCT, email, "Olga");
  }
}

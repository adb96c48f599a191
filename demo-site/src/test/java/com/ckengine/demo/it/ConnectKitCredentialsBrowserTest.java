package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17 in a real browser (headless Chromium) against the demo and its sandbox: an operator
 * connects a Kit account with a pasted V4 API key (the list says so; the rule wizard keeps Add
 * Purchase from it, saying why; an Add Tag rule tags a buyer), then with "Connect with Kit" (Kit's
 * consent page, Authorize, back in the admin), writes an Add Purchase rule and buys: the purchase
 * reaches Kit over OAuth. A Kit account of its own, so the other tests' demo account is left alone.
 */
class ConnectKitCredentialsBrowserTest {
  private static final long PRODUCT = 101;
  private static final String ACCOUNT = "Second Store";

  private static DemoServer demo;
  private static KitSandbox kit;
  private static String secret;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    kit = demo.kitSandbox();
    secret = kit.createAccount(ACCOUNT, "owner@second-store.example");
    kit.createTag(secret, "Buyer");
    browser = new HeadlessChromium(AdminJourneyBrowserTest.screenshots());
    driver = browser.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void connectsWithAV4KeyThenWithKitOAuthAndAPurchaseReachesKit() throws Exception {
    try {
      connectAndBuy();
    } catch (Throwable t) {
      java.nio.file.Path target = Paths.get("target", "connect-kit-failure.html");
      java.nio.file.Files.write(
          target, driver.getPageSource().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      throw new AssertionError(
          "at " + driver.getCurrentUrl() + " (page saved to " + target.toAbsolutePath() + ")", t);
    }
  }

  private void connectAndBuy() throws Exception {
    login();

    // A pasted V4 API key: Kit is asked which credential it is.
    driver.get(demo.adminUrl() + "ckengine-integrations/new");
    type("#ck-label", "Second by key");
    type("#ck-secret", kit.v4ApiKey(secret));
    clickAndLoad(find("#ck-save"));
    assertTrue(text("#ck-notice").contains("V4 API key"), text("#ck-notice"));
    String credential =
        row("Second by key").findElement(By.cssSelector(".ck-credential")).getText();
    assertTrue(credential.contains("V4 API key"), credential);
    assertTrue(credential.contains("no purchases"), credential);
    browser.screenshot("25-connected-with-a-v4-key");

    // The wizard keeps Add Purchase from a V4 key, and says why.
    click("#ck-tab-rules");
    click("#ck-new-rule");
    new Select(find("#ck-trigger")).selectByVisibleText("Product Purchased");
    click("#ck-next");
    new Select(find("#ck-integration"))
        .selectByVisibleText("Second by key (" + ACCOUNT + ") - V4 API key: no purchases");
    new Select(find("#ck-action")).selectByVisibleText("Add Purchase To ConvertKit");
    click("#ck-next");
    String why = text("#ck-action-error");
    assertTrue(why.contains("V4 API key") && why.contains("Kit OAuth"), why);
    browser.screenshot("26-add-purchase-needs-oauth");

    // Add Tag works with a key: the rule is saved, and a purchase tags the customer in Kit.
    new Select(find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    click("#ck-next");
    for (WebElement l : driver.findElements(By.cssSelector("#ck-tag-list label"))) {
      if (l.getText().trim().equals("Buyer")) l.findElement(By.tagName("input")).click();
    }
    click("#ck-submit");
    assertTrue(text("#ck-notice").contains("for all products"), text("#ck-notice"));
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
    driver.get(demo.adminUrl() + "ckengine-integrations");
    clickAndLoad(row("Second by key").findElement(By.cssSelector(".ck-delete")));
    clickAndLoad(find("#ck-confirm-delete"));
    driver.get(demo.adminUrl() + "ckengine-integrations/new");
    type("#ck-label", "Second by OAuth");
    clickAndLoad(find("#ck-connect-with-kit"));
    // Kit's consent page (the sandbox's): the app, the account, Authorize.
    assertTrue(driver.getCurrentUrl().startsWith(demo.kitV4BaseUrl() + "oauth/authorize"));
    assertTrue(text("body").contains("ckdemo-store"), text("body"));
    new Select(find("#account")).selectByVisibleText(ACCOUNT + " <owner@second-store.example>");
    browser.screenshot("27-kit-consent-page");
    clickAndLoad(find("button[value=authorize]"));
    assertTrue(text("#ck-notice").contains("with Kit OAuth"), text("#ck-notice"));
    assertTrue(
        row("Second by OAuth")
            .findElement(By.cssSelector(".ck-credential"))
            .getText()
            .contains("Kit OAuth"));
    browser.screenshot("28-connected-with-kit-oauth");

    // Add Purchase on the OAuth integration, and a purchase on the storefront.
    click("#ck-tab-rules");
    click("#ck-new-rule");
    new Select(find("#ck-trigger")).selectByVisibleText("Product Purchased");
    click("#ck-next");
    new Select(find("#ck-integration")).selectByVisibleText("Second by OAuth (" + ACCOUNT + ")");
    new Select(find("#ck-action")).selectByVisibleText("Add Purchase To ConvertKit");
    click("#ck-next");
    click("#ck-submit");
    assertTrue(text("#ck-notice").contains("for all products"), text("#ck-notice"));

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
    driver.get(demo.adminUrl() + "ckengine-integrations");
    clickAndLoad(row("Second by OAuth").findElement(By.cssSelector(".ck-delete")));
    clickAndLoad(find("#ck-confirm-delete"));
  }

  private static RecordedPurchase purchaseOf(String email) {
    for (RecordedPurchase p : kit.purchases(secret)) {
      if (email.equals(p.emailAddress())) return p;
    }
    return null;
  }

  // ---- steps, as an operator takes them --------------------------------------------------------

  private static void login() {
    driver.manage().deleteAllCookies();
    driver.get(demo.adminUrl() + "login");
    type("#username", DemoServer.ADMIN_USER);
    type("#password", DemoServer.ADMIN_PASSWORD);
    click("input[type=submit]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  private static String buy(String email) {
    driver.get(demo.storeUrl() + "products/" + PRODUCT);
    click("button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/cart"));
    driver.get(demo.storeUrl() + "checkout");
    type("input[name=email]", email);
    type("input[name=firstName]", "Olga");
    click(".checkout-form button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/confirmation/"));
    String url = driver.getCurrentUrl();
    return url.substring(url.indexOf("/confirmation/") + "/confirmation/".length());
  }

  private static WebElement row(String label) {
    for (WebElement r : driver.findElements(By.cssSelector("#ck-integrations .ck-integration"))) {
      if (label.equals(r.getAttribute("data-label"))) return r;
    }
    throw new AssertionError("no integration row '" + label + "' in " + text("#ck-integrations"));
  }

  private static void clickAndLoad(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.stalenessOf(before));
  }

  private static WebElement find(String css) {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  private static String text(String css) {
    return find(css).getText();
  }

  private static void click(String css) {
    wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  private static void type(String css, String value) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(value);
  }
}

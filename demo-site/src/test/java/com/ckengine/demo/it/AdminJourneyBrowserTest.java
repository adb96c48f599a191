package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.KitSandbox;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
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
 * The operator's whole journey in a real browser (headless Chromium) against the running demo and
 * its Kit sandbox: connect ConvertKit, write a product rule and a global rule, buy on the
 * storefront, find the tags in Kit and the entries in Logs, retry a failure, delete the
 * integration, and check who may see the section. Saves a screenshot of each screen to
 * docs/screenshots/ (the operator guide, docs/admin.md, shows them).
 */
class AdminJourneyBrowserTest {
  /** The product the journey puts a rule on: "Email Marketing Masterclass". */
  private static final long PRODUCT = 101;

  private static final String PICKED_TAG = "Customer";
  private static final String TYPED_TAG = "journey-typed-tag";

  private static DemoServer demo;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    AdminUsers.seed(demo);
    browser = new HeadlessChromium(screenshots());
    driver = browser.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.close();
  }

  /** docs/screenshots of the project, or where -Dckdemo.screenshots says. */
  static Path screenshots() {
    String dir = System.getProperty("ckdemo.screenshots");
    return dir != null
        ? Paths.get(dir)
        : Paths.get(System.getProperty("user.dir")).resolveSibling("docs").resolve("screenshots");
  }

  @Test
  void theOperatorsJourney() throws Exception {
    try {
      journey();
    } catch (Throwable t) {
      // What the browser showed when it went wrong, for the report.
      java.nio.file.Path target = Paths.get("target", "journey-failure.html");
      java.nio.file.Files.write(
          target, driver.getPageSource().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      throw new AssertionError(
          "at " + driver.getCurrentUrl() + " (page saved to " + target.toAbsolutePath() + ")", t);
    }
  }

  private void journey() throws Exception {
    KitSandbox kit = demo.kitSandbox();
    // An account of its own (named like the demo's): a Kit account is connected once.
    String secret =
        com.ckengine.sandbox.DemoAccount.createAnother(kit, "journey@demo-store.example");

    login(DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);

    // Settings > Integrations from the menu.
    openSettingsIntegrations();
    assertTrue(text("#ck-setup").contains("Integration Setup"));
    browser.screenshot("01-integration-setup-empty");

    // New Integration: a wrong secret is refused beside the field, the form stays filled.
    click("#ck-new-integration");
    new Select(find("#ck-provider")).selectByVisibleText("ConvertKit");
    type("#ck-label", "Main newsletter");
    saveSecret("sandbox_not_the_secret");
    assertTrue(text("#ck-secret-error").contains("Kit did not accept this credential"));
    assertEquals("Main newsletter", find("#ck-label").getAttribute("value"));
    assertEquals("", find("#ck-secret").getAttribute("value"), "the secret field is emptied");
    browser.screenshot("02-new-integration-wrong-secret");

    saveSecret(secret);
    String connected = text("#ck-notice");
    assertTrue(connected.contains("Connected 'Main newsletter'"), connected);
    java.util.regex.Matcher tagCount =
        java.util.regex.Pattern.compile("\\((\\d+) tags\\)").matcher(connected);
    assertTrue(tagCount.find(), connected);
    int tagsAtConnect = Integer.parseInt(tagCount.group(1));
    WebElement row = integrationRow("Main newsletter");
    assertTrue(row.getText().contains("Demo Store"), row.getText());
    assertFalse(driver.getPageSource().contains(secret), "the secret is never shown again");
    browser.screenshot("03-integration-setup-connected");

    // Refresh picks up a tag made in Kit meanwhile and says how many there are.
    kit.createTag(secret, "Made in Kit today");
    for (int attempt = 0; attempt < 3; attempt++) {
      clickAndLoad(integrationRow("Main newsletter").findElement(By.cssSelector(".ck-refresh")));
      if (!kitWasUnreachable("#ck-error")) break;
    }
    String refreshed = text("#ck-notice");
    assertTrue(refreshed.contains("Refreshed the tags of 'Main newsletter'"), refreshed);
    assertTrue(
        refreshed.contains((tagsAtConnect + 1) + " tags in the Kit account"),
        "the notice counts the tag made in Kit: " + refreshed);
    browser.screenshot("04-tags-refreshed");

    // The product's Integrations tab: New Rule, Product Purchased, Add Tag, a tag from the list.
    driver.get(demo.adminUrl() + "product/" + PRODUCT);
    openProductTab();
    browser.screenshot("05-product-integrations-tab-empty");
    click("#ck-product-new-rule");
    new Select(find("#ck-trigger")).selectByVisibleText("Product Purchased");
    browser.screenshot("06-new-rule-step1-trigger");
    click("#ck-next");
    new Select(find("#ck-integration")).selectByVisibleText("Main newsletter (Demo Store)");
    List<String> actions = optionTexts("#ck-action");
    assertTrue(actions.contains("Add Purchase To ConvertKit"), actions.toString());
    new Select(find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    browser.screenshot("07-new-rule-step2-integration-action");
    click("#ck-next");
    tagCheckbox(PICKED_TAG).click();
    // The step's own Refresh re-reads the account's tags and keeps what was picked (waiting for the
    // page it loads: the old page's checkbox would go stale under the test's hand).
    clickAndLoad(find("#ck-refresh-tags"));
    assertTrue(tagCheckbox(PICKED_TAG).isSelected(), "the pick survives the refresh");
    tagCheckbox("Made in Kit today");
    assertTrue(find("#ck-submit").isDisplayed(), "still the tags step");
    browser.screenshot("08-new-rule-step3-tags");
    click("#ck-submit");
    wait.until(ExpectedConditions.urlContains("/product/" + PRODUCT));
    openProductTab();
    // Other tests sharing this demo may have put rules on the product too: find the one made here.
    find("#ck-product-rule-table .ck-rule");
    WebElement productRule = null;
    for (WebElement r : driver.findElements(By.cssSelector("#ck-product-rule-table .ck-rule"))) {
      if (r.getText().contains(PICKED_TAG)) productRule = r;
    }
    assertTrue(productRule != null, "the rule made in the journey is on the product's tab");
    assertTrue(productRule.getText().contains("Product Purchased"), productRule.getText());
    assertTrue(productRule.getText().contains(PICKED_TAG));
    assertTrue(productRule.getText().contains("Enabled"));
    browser.screenshot("09-product-integrations-tab");

    // Disable and Delete on the tab ask first, on a page of their own; Cancel goes back.
    String productRuleId = productRule.getAttribute("data-rule-id");
    productRule.findElement(By.cssSelector(".ck-rule-toggle")).click();
    assertEquals("Disable this rule?", text("#ck-rule-state-page h3"));
    assertTrue(text("#ck-rule-summary").contains("Product Purchased"), "the rule, as a table");
    browser.screenshot("19-rule-disable-confirm");
    click("#ck-rule-state-page a.secondary");
    openProductTab();
    productRuleRow(productRuleId).findElement(By.cssSelector(".ck-rule-delete")).click();
    assertEquals("Delete this rule?", text("#ck-delete-rule-page h3"));
    assertTrue(text("#ck-delete-rule-page").contains(PICKED_TAG));
    browser.screenshot("20-rule-delete-confirm");
    click("#ck-delete-rule-page a.secondary");
    openProductTab();
    assertTrue(productRuleRow(productRuleId).getText().contains("Enabled"), "nothing changed");

    // A global rule with a tag typed by hand (Kit creates it when first used).
    openSettingsIntegrations();
    click("#ck-tab-rules");
    click("#ck-new-rule");
    // Add Purchase is not offered where no money was taken.
    new Select(find("#ck-trigger")).selectByVisibleText("Product Refunded");
    click("#ck-next");
    assertFalse(optionTexts("#ck-action").contains("Add Purchase To ConvertKit"));
    click("#ck-back");
    new Select(find("#ck-trigger")).selectByVisibleText("Product Purchased");
    click("#ck-next");
    new Select(find("#ck-integration")).selectByVisibleText("Main newsletter (Demo Store)");
    new Select(find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    click("#ck-next");
    type("#ck-new-tags", TYPED_TAG);
    click("#ck-submit");
    assertTrue(text("#ck-notice").contains("for all products"), text("#ck-notice"));
    assertTrue(text("#ck-rule-table").contains(TYPED_TAG));
    browser.screenshot("10-global-rules");

    // Buy the product on the storefront, in the same browser.
    String email = "journey." + System.nanoTime() + "@example.com";
    String order = buy(email);

    // Both tags reach the subscriber in Kit.
    waitFor(
        "both tags on " + email,
        () -> {
          List<String> tags = kit.subscriberTags(secret, email);
          return tags.contains(PICKED_TAG) && tags.contains(TYPED_TAG);
        });

    // ... and Logs shows the delivered entries when searching the email.
    openSettingsIntegrations();
    click("#ck-tab-logs");
    searchLog(email);
    // The two rules add tags in the same account for the same event: one action carries both.
    waitFor(
        "the entries delivered",
        () -> countRows(email, "DELIVERED") >= 1 && countRows(email, "PENDING") == 0);
    String logText = text("#ck-log-table");
    assertTrue(logText.contains(order), "the order number is shown");
    assertTrue(logText.contains(PICKED_TAG) && logText.contains(TYPED_TAG), logText);
    browser.screenshot("11-logs-delivered");
    driver.findElements(By.cssSelector("#ck-log-table .ck-log-open")).get(0).click();
    assertEquals("DELIVERED", text("#ck-entry-status"));
    assertTrue(text("#ck-entry-sent").contains(email));
    browser.screenshot("12-log-entry");

    // An email the store never saw: the page says why there is nothing.
    click("#ck-tab-logs");
    searchLog("never.seen." + System.nanoTime() + "@example.com");
    String why = text("#ck-log-empty");
    assertTrue(why.contains("Nothing was logged for never.seen."), why);
    assertTrue(why.contains("no rule matched"), why);
    assertTrue(why.contains("no store event with this email reached the plugin"), why);
    browser.screenshot("21-logs-nothing-logged");

    // A failure: Kit refuses the next call; the entry is FAILED, Retry sends it again.
    String email2 = "journey.retry." + System.nanoTime() + "@example.com";
    // Only this account's next call: the demo's own account and other tests' leftovers (abandoned
    // carts coming due) may be calling Kit meanwhile.
    kit.failNextFor(secret, 1, 422);
    buy(email2);
    openSettingsIntegrations();
    click("#ck-tab-logs");
    searchLog(email2);
    waitFor("a FAILED entry", () -> countRows(email2, "FAILED") == 1);
    browser.screenshot("13-logs-failed");
    for (WebElement r : driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"))) {
      if ("FAILED".equals(r.getAttribute("data-status"))) {
        r.findElement(By.cssSelector(".ck-log-open")).click();
        break;
      }
    }
    assertEquals("FAILED", text("#ck-entry-status"));
    assertTrue(text("#ck-entry-answer").contains("422"), text("#ck-entry-answer"));
    browser.screenshot("14-log-entry-failed");
    click("#ck-retry");
    assertTrue(text("#ck-notice").contains("queued again"));
    waitFor(
        "the retried entry delivered",
        () -> {
          driver.navigate().refresh();
          return "DELIVERED".equals(text("#ck-entry-status"));
        });
    waitFor(
        "both tags on " + email2,
        () -> {
          List<String> tags = kit.subscriberTags(secret, email2);
          return tags.contains(PICKED_TAG) && tags.contains(TYPED_TAG);
        });

    // Kit stops accepting the secret (the owner made a new one): Refresh shows the integration
    // as needing attention, and Edit takes the new secret.
    String fresh = kit.rotateSecret(secret);
    click("#ck-tab-setup");
    for (int attempt = 0; attempt < 3; attempt++) {
      clickAndLoad(integrationRow("Main newsletter").findElement(By.cssSelector(".ck-refresh")));
      if (!kitWasUnreachable("#ck-error")) break;
    }
    assertTrue(text("#ck-error").contains("Kit did not accept this credential"), text("#ck-error"));
    String attention =
        integrationRow("Main newsletter").findElement(By.cssSelector(".ck-status")).getText();
    assertTrue(attention.contains("Needs attention"), attention);
    assertTrue(attention.contains("API Key not valid"), attention);
    assertTrue(attention.contains("Choose Edit and paste the account's current"), attention);
    browser.screenshot("22-integration-needs-attention");
    integrationRow("Main newsletter").findElement(By.cssSelector(".ck-edit")).click();
    assertTrue(text("#ck-edit-integration-page").contains("Needs attention"));
    browser.screenshot("23-edit-integration");
    for (int attempt = 0; attempt < 3; attempt++) {
      type("#ck-secret", fresh);
      clickAndLoad(find("#ck-replace-secret"));
      if (!kitWasUnreachable("#ck-secret-error")) break;
    }
    assertTrue(text("#ck-notice").contains("Replaced the credential"), text("#ck-notice"));
    String connectedAgain =
        integrationRow("Main newsletter").findElement(By.cssSelector(".ck-status")).getText();
    assertEquals("Connected", connectedAgain.trim());
    assertFalse(driver.getPageSource().contains(fresh), "the new secret is not shown either");

    // Delete the integration: the confirmation names its rules; they stay, disabled.
    integrationRow("Main newsletter").findElement(By.cssSelector(".ck-delete")).click();
    String confirm = text("#ck-rules-using");
    assertTrue(confirm.contains(PICKED_TAG) && confirm.contains(TYPED_TAG), confirm);
    browser.screenshot("15-delete-integration-confirm");
    click("#ck-confirm-delete");
    assertTrue(text("#ck-notice").contains("kept, disabled"), text("#ck-notice"));
    click("#ck-tab-rules");
    assertTrue(text("#ck-rule-table").contains("Disabled: its integration was deleted"));
    browser.screenshot("16-rules-disabled-after-delete");
    driver.get(demo.adminUrl() + "product/" + PRODUCT);
    openProductTab();
    assertTrue(
        text("#ck-product-rule-table").contains("Disabled: its integration was deleted"),
        text("#ck-product-rule-table"));

    // A read-only user sees but has no buttons; a user without the permission sees no section.
    login(AdminUsers.VIEWER, AdminUsers.VIEWER);
    openSettingsIntegrations();
    assertTrue(driver.findElements(By.id("ck-new-integration")).isEmpty());
    click("#ck-tab-rules");
    assertTrue(driver.findElements(By.id("ck-new-rule")).isEmpty());
    browser.screenshot("17-read-only-user");

    login(AdminUsers.MERCHANDISER, AdminUsers.MERCHANDISER);
    driver.get(demo.adminUrl() + "product/" + PRODUCT);
    find("#sideMenu");
    assertTrue(
        driver.findElements(By.cssSelector("#sideMenu a[href*='ckengine-integrations']")).isEmpty(),
        "no Integrations entry in the menu");
    assertTrue(driver.findElements(By.id("ck-product-rules")).isEmpty(), "no Integrations tab");
    driver.get(demo.adminUrl() + "ckengine-integrations");
    assertTrue(text("#ck-no-access").contains("do not have the permission"));
    browser.screenshot("18-no-permission");
  }

  // ---- steps -------------------------------------------------------------------------------

  private static void login(String user, String password) {
    driver.manage().deleteAllCookies();
    driver.get(demo.adminUrl() + "login");
    type("#username", user);
    type("#password", password);
    click("input[type=submit]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  /**
   * Pastes a secret and saves, once more if Kit "could not be reached" (what the page tells an
   * operator to do). The sandbox closes connections idle for 30 s, and the Kit client does not
   * retry a request on a pooled connection the server closed, so a first call after a pause can
   * fail that way.
   */
  private static void saveSecret(String secret) {
    for (int attempt = 0; attempt < 3; attempt++) {
      type("#ck-secret", secret);
      clickAndLoad(find("#ck-save"));
      if (!kitWasUnreachable("#ck-secret-error")) return;
    }
  }

  /**
   * Clicks what posts a form and waits for the page it loads: otherwise a message of the page
   * before (a wrong secret's error) could be read as it goes stale.
   */
  private static void clickAndLoad(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.stalenessOf(before));
  }

  private static boolean kitWasUnreachable(String css) {
    List<WebElement> e = driver.findElements(By.cssSelector(css));
    return !e.isEmpty() && e.get(0).getText().contains("could not be reached");
  }

  /** Opens Settings, then Integrations, in the admin's left menu. */
  private static void openSettingsIntegrations() {
    if (driver.findElements(By.id("sideMenu")).isEmpty()) driver.get(demo.adminUrl());
    WebElement link = find("#sideMenu a[href*='/ckengine-integrations']");
    if (!link.isDisplayed()) {
      for (WebElement m : driver.findElements(By.cssSelector("#sideMenu li.blc-module"))) {
        if (m.getText().contains("Settings")) {
          m.findElement(By.cssSelector(".title")).click();
          break;
        }
      }
      wait.until(ExpectedConditions.visibilityOf(link));
    }
    link.click();
    find("#ck-setup");
  }

  private static void openProductTab() {
    WebElement tab = null;
    for (WebElement a : driver.findElements(By.cssSelector("dl.tabs dd a"))) {
      if (a.getText().trim().equals("Integrations")) tab = a;
    }
    if (tab == null) throw new AssertionError("no Integrations tab on " + driver.getCurrentUrl());
    tab.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ck-product-rules")));
  }

  private static WebElement integrationRow(String label) {
    for (WebElement r : driver.findElements(By.cssSelector("#ck-integrations .ck-integration"))) {
      if (label.equals(r.getAttribute("data-label"))) return r;
    }
    throw new AssertionError("no integration row '" + label + "' in " + text("#ck-integrations"));
  }

  private static WebElement productRuleRow(String ruleId) {
    return find("#ck-product-rule-table .ck-rule[data-rule-id='" + ruleId + "']");
  }

  private static WebElement tagCheckbox(String tag) {
    for (WebElement l : driver.findElements(By.cssSelector("#ck-tag-list label"))) {
      if (l.getText().trim().equals(tag)) return l.findElement(By.tagName("input"));
    }
    throw new AssertionError("no tag '" + tag + "' in " + text("#ck-tag-list"));
  }

  /** Buys {@link #PRODUCT} on the storefront; returns the order number. */
  private static String buy(String email) {
    driver.get(demo.storeUrl() + "products/" + PRODUCT);
    click("button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/cart"));
    driver.get(demo.storeUrl() + "checkout");
    type("input[name=email]", email);
    type("input[name=firstName]", "Journey");
    click(".checkout-form button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/confirmation/"));
    String url = driver.getCurrentUrl();
    return url.substring(url.indexOf("/confirmation/") + "/confirmation/".length());
  }

  private static void searchLog(String email) {
    type("#ck-log-email", email);
    click("#ck-log-search-button");
  }

  /** Rows of the log for {@code email} with this status, reloading the search first. */
  private static int countRows(String email, String status) {
    driver.navigate().refresh();
    int n = 0;
    for (WebElement r : driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"))) {
      if (status.equals(r.getAttribute("data-status"))) n++;
    }
    return n;
  }

  // ---- small helpers -------------------------------------------------------------------------

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

  private static List<String> optionTexts(String css) {
    List<String> out = new java.util.ArrayList<>();
    for (WebElement o : new Select(find(css)).getOptions()) out.add(o.getText().trim());
    return out;
  }

  private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.currentTimeMillis() + 90_000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > until)
        throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(500);
    }
  }
}

package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator's whole journey in a real browser (headless Chromium) against the running demo and
 * its Kit sandbox: connect ConvertKit, write a product rule and a global rule, buy on the
 * storefront, find the tags in Kit and the entries in Logs, retry a failure, delete the
 * integration, and check who may see the section. Saves a screenshot of each screen to
 * docs/screenshots/ (the operator guide, docs/admin.md, shows them).
 */
class AdminJourneyBrowserTest extends BrowserTestBase {
  /** The product the journey puts a rule on: "Email Marketing Masterclass". */
  private static final long PRODUCT = 101;

  private static final String PICKED_TAG = "Customer";
  private static final String TYPED_TAG = "journey-typed-tag";

  @BeforeAll
  static void boot() throws Exception {
    AdminUsers.seed(demo);
  }

  @Test
  void theOperatorsJourney() throws Exception {
    page.runSavingThePageOnFailure("journey-failure.html", this::journey);
  }

  private void journey() throws Exception {
    KitSandbox kit = demo.kitSandbox();
    // An account of its own (named like the demo's): a Kit account is connected once.
    String secret =
        com.ckengine.sandbox.DemoAccount.createAnother(kit, "journey@demo-store.example");

    page.logInAsAdmin();

    // Settings > Integrations from the menu.
    openSettingsIntegrations();
    assertTrue(page.text("#ck-setup").contains("Integration Setup"));
    browser.screenshot("01-integration-setup-empty");

    // New Integration: a wrong secret is refused beside the field, the form stays filled.
    page.click("#ck-new-integration");
    new Select(page.find("#ck-provider")).selectByVisibleText("ConvertKit");
    page.type("#ck-label", "Main newsletter");
    page.saveSecret("sandbox_not_the_secret");
    assertTrue(page.text("#ck-secret-error").contains("Kit did not accept this credential"));
    assertEquals("Main newsletter", page.find("#ck-label").getAttribute("value"));
    assertEquals("", page.find("#ck-secret").getAttribute("value"), "the secret field is emptied");
    browser.screenshot("02-new-integration-wrong-secret");

    page.saveSecret(secret);
    String connected = page.text("#ck-notice");
    assertTrue(connected.contains("Connected 'Main newsletter'"), connected);
    java.util.regex.Matcher tagCount =
        java.util.regex.Pattern.compile("\\((\\d+) tags\\)").matcher(connected);
    assertTrue(tagCount.find(), connected);
    int tagsAtConnect = Integer.parseInt(tagCount.group(1));
    WebElement row = page.integrationRow("Main newsletter");
    assertTrue(row.getText().contains("Demo Store"), row.getText());
    assertFalse(driver.getPageSource().contains(secret), "the secret is never shown again");
    browser.screenshot("03-integration-setup-connected");

    // Refresh picks up a tag made in Kit meanwhile and says how many there are.
    kit.createTag(secret, "Made in Kit today");
    for (int attempt = 0; attempt < 3; attempt++) {
      page.clickAndLoad(
          page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-refresh")));
      if (!page.kitWasUnreachable("#ck-error")) break;
    }
    String refreshed = page.text("#ck-notice");
    assertTrue(refreshed.contains("Refreshed the tags of 'Main newsletter'"), refreshed);
    assertTrue(
        refreshed.contains(": " + (tagsAtConnect + 1) + " tags, "),
        "the notice counts the tag made in Kit: " + refreshed);
    browser.screenshot("04-tags-refreshed");

    // The product's Integrations tab: New Rule, Product Purchased, Add Tag, a tag from the list.
    page.openAdmin("product/" + PRODUCT);
    page.openProductTab();
    browser.screenshot("05-product-integrations-tab-empty");
    page.click("#ck-product-new-rule");
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Purchased");
    browser.screenshot("06-new-rule-step1-trigger");
    page.clickAndLoad(page.find("#ck-next"));
    new Select(page.find("#ck-integration")).selectByVisibleText("Main newsletter (Demo Store)");
    List<String> actions = page.optionTexts("#ck-action");
    assertTrue(actions.contains("Add Purchase To ConvertKit"), actions.toString());
    new Select(page.find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    browser.screenshot("07-new-rule-step2-integration-action");
    page.clickAndLoad(page.find("#ck-next"));
    page.tagCheckbox(PICKED_TAG).click();
    // The step's own Refresh re-reads the account's tags and keeps what was picked (waiting for the
    // page it loads: the old page's checkbox would go stale under the test's hand).
    page.clickAndLoad(page.find("#ck-refresh-tags"));
    assertTrue(page.tagCheckbox(PICKED_TAG).isSelected(), "the pick survives the refresh");
    page.tagCheckbox("Made in Kit today");
    assertTrue(page.find("#ck-submit").isDisplayed(), "still the tags step");
    browser.screenshot("08-new-rule-step3-tags");
    page.click("#ck-submit");
    page.wait.until(ExpectedConditions.urlContains("/product/" + PRODUCT));
    page.openProductTab();
    // Other tests sharing this demo may have put rules on the product too: find the one made here.
    page.find("#ck-product-rule-table .ck-rule");
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
    assertEquals("Disable this rule?", page.text("#ck-rule-state-page h3"));
    assertTrue(page.text("#ck-rule-summary").contains("Product Purchased"), "the rule, as a table");
    browser.screenshot("19-rule-disable-confirm");
    page.click("#ck-rule-state-page a.secondary");
    page.openProductTab();
    productRuleRow(productRuleId).findElement(By.cssSelector(".ck-rule-delete")).click();
    assertEquals("Delete this rule?", page.text("#ck-delete-rule-page h3"));
    assertTrue(page.text("#ck-delete-rule-page").contains(PICKED_TAG));
    browser.screenshot("20-rule-delete-confirm");
    page.click("#ck-delete-rule-page a.secondary");
    page.openProductTab();
    assertTrue(productRuleRow(productRuleId).getText().contains("Enabled"), "nothing changed");

    // A global rule with a tag typed by hand (Kit creates it when first used).
    openSettingsIntegrations();
    page.click("#ck-tab-rules");
    page.click("#ck-new-rule");
    // Add Purchase is not offered where no money was taken.
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Refunded");
    page.clickAndLoad(page.find("#ck-next"));
    assertFalse(page.optionTexts("#ck-action").contains("Add Purchase To ConvertKit"));
    page.clickAndLoad(page.find("#ck-back"));
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Purchased");
    page.clickAndLoad(page.find("#ck-next"));
    new Select(page.find("#ck-integration")).selectByVisibleText("Main newsletter (Demo Store)");
    new Select(page.find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    page.clickAndLoad(page.find("#ck-next"));
    page.type("#ck-new-tags", TYPED_TAG);
    page.click("#ck-submit");
    assertTrue(page.text("#ck-notice").contains("for all products"), page.text("#ck-notice"));
    assertTrue(page.text("#ck-rule-table").contains(TYPED_TAG));
    browser.screenshot("10-global-rules");

    // Buy the product on the storefront, in the same browser.
    String email = "journey." + System.nanoTime() + "@example.com";
    String order = buy(email);

    // Both tags reach the subscriber in Kit.
    AdminPage.waitFor(
        "both tags on " + email,
        () -> {
          List<String> tags = kit.subscriberTags(secret, email);
          return tags.contains(PICKED_TAG) && tags.contains(TYPED_TAG);
        });

    // ... and Logs shows the delivered entries when searching the email.
    openSettingsIntegrations();
    page.click("#ck-tab-logs");
    searchLog(email);
    // The two rules add tags in the same account for the same event: one action carries both.
    AdminPage.waitFor(
        "the entries delivered",
        () -> countRows(email, "DELIVERED") >= 1 && countRows(email, "PENDING") == 0);
    String logText = page.text("#ck-log-table");
    assertTrue(logText.contains(order), "the order number is shown");
    assertTrue(logText.contains(PICKED_TAG) && logText.contains(TYPED_TAG), logText);
    browser.screenshot("11-logs-delivered");
    driver.findElements(By.cssSelector("#ck-log-table .ck-log-open")).get(0).click();
    assertEquals("DELIVERED", page.text("#ck-entry-status"));
    assertTrue(page.text("#ck-entry-sent").contains(email));
    browser.screenshot("12-log-entry");

    // An email the store never saw: the page says why there is nothing.
    page.click("#ck-tab-logs");
    searchLog("never.seen." + System.nanoTime() + "@example.com");
    String why = page.text("#ck-log-empty");
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
    page.click("#ck-tab-logs");
    searchLog(email2);
    AdminPage.waitFor("a FAILED entry", () -> countRows(email2, "FAILED") == 1);
    browser.screenshot("13-logs-failed");
    for (WebElement r : driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"))) {
      if ("FAILED".equals(r.getAttribute("data-status"))) {
        r.findElement(By.cssSelector(".ck-log-open")).click();
        break;
      }
    }
    assertEquals("FAILED", page.text("#ck-entry-status"));
    assertTrue(page.text("#ck-entry-answer").contains("422"), page.text("#ck-entry-answer"));
    browser.screenshot("14-log-entry-failed");
    page.click("#ck-retry");
    assertTrue(page.text("#ck-notice").contains("queued again"));
    AdminPage.waitFor(
        "the retried entry delivered",
        () -> {
          driver.navigate().refresh();
          return "DELIVERED".equals(page.text("#ck-entry-status"));
        });
    AdminPage.waitFor(
        "both tags on " + email2,
        () -> {
          List<String> tags = kit.subscriberTags(secret, email2);
          return tags.contains(PICKED_TAG) && tags.contains(TYPED_TAG);
        });

    // Kit stops accepting the secret (the owner made a new one): Refresh shows the integration
    // as needing attention, and Edit takes the new secret.
    String fresh = kit.rotateSecret(secret);
    page.click("#ck-tab-setup");
    for (int attempt = 0; attempt < 3; attempt++) {
      page.clickAndLoad(
          page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-refresh")));
      if (!page.kitWasUnreachable("#ck-error")) break;
    }
    assertTrue(
        page.text("#ck-error").contains("Kit did not accept this credential"),
        page.text("#ck-error"));
    String attention =
        page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-status")).getText();
    assertTrue(attention.contains("Needs attention"), attention);
    assertTrue(attention.contains("API Key not valid"), attention);
    assertTrue(attention.contains("Choose Edit and paste the account's current"), attention);
    browser.screenshot("22-integration-needs-attention");
    page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-edit")).click();
    assertTrue(page.text("#ck-edit-integration-page").contains("Needs attention"));
    browser.screenshot("23-edit-integration");
    for (int attempt = 0; attempt < 3; attempt++) {
      page.type("#ck-secret", fresh);
      page.clickAndLoad(page.find("#ck-replace-secret"));
      if (!page.kitWasUnreachable("#ck-secret-error")) break;
    }
    assertTrue(
        page.text("#ck-notice").contains("Replaced the credential"), page.text("#ck-notice"));
    String connectedAgain =
        page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-status")).getText();
    assertEquals("Connected", connectedAgain.trim());
    assertFalse(driver.getPageSource().contains(fresh), "the new secret is not shown either");

    // Delete the integration: the confirmation names its rules; they stay, disabled.
    page.integrationRow("Main newsletter").findElement(By.cssSelector(".ck-delete")).click();
    String confirm = page.text("#ck-rules-using");
    assertTrue(confirm.contains(PICKED_TAG) && confirm.contains(TYPED_TAG), confirm);
    browser.screenshot("15-delete-integration-confirm");
    page.click("#ck-confirm-delete");
    assertTrue(page.text("#ck-notice").contains("kept, disabled"), page.text("#ck-notice"));
    page.click("#ck-tab-rules");
    assertTrue(page.text("#ck-rule-table").contains("Disabled: its integration was deleted"));
    browser.screenshot("16-rules-disabled-after-delete");
    page.openAdmin("product/" + PRODUCT);
    page.openProductTab();
    assertTrue(
        page.text("#ck-product-rule-table").contains("Disabled: its integration was deleted"),
        page.text("#ck-product-rule-table"));

    // A read-only user sees but has no buttons; a user without the permission sees no section.
    page.logIn(AdminUsers.VIEWER, AdminUsers.VIEWER);
    openSettingsIntegrations();
    assertTrue(driver.findElements(By.id("ck-new-integration")).isEmpty());
    page.click("#ck-tab-rules");
    assertTrue(driver.findElements(By.id("ck-new-rule")).isEmpty());
    browser.screenshot("17-read-only-user");

    page.logIn(AdminUsers.MERCHANDISER, AdminUsers.MERCHANDISER);
    page.openAdmin("product/" + PRODUCT);
    page.find("#sideMenu");
    assertTrue(
        driver.findElements(By.cssSelector("#sideMenu a[href*='ckengine-integrations']")).isEmpty(),
        "no Integrations entry in the menu");
    assertTrue(driver.findElements(By.id("ck-product-rules")).isEmpty(), "no Integrations tab");
    page.openAdmin("ckengine-integrations");
    assertTrue(page.text("#ck-no-access").contains("do not have the permission"));
    browser.screenshot("18-no-permission");
  }

  // ---- steps -------------------------------------------------------------------------------

  /** Opens Settings, then Integrations, in the admin's left menu. */
  private static void openSettingsIntegrations() {
    if (driver.findElements(By.id("sideMenu")).isEmpty()) driver.get(demo.adminUrl());
    WebElement link = page.find("#sideMenu a[href*='/ckengine-integrations']");
    if (!link.isDisplayed()) {
      for (WebElement m : driver.findElements(By.cssSelector("#sideMenu li.blc-module"))) {
        if (m.getText().contains("Settings")) {
          m.findElement(By.cssSelector(".title")).click();
          break;
        }
      }
      page.wait.until(ExpectedConditions.visibilityOf(link));
    }
    link.click();
    page.find("#ck-setup");
  }

  private static WebElement productRuleRow(String ruleId) {
    return page.find("#ck-product-rule-table .ck-rule[data-rule-id='" + ruleId + "']");
  }

  /** Buys {@link #PRODUCT} on the storefront; returns the order number. */
  private static String buy(String email) {
    return page.buyOnStorefront(PRODUCT, email, "Journey");
  }

  private static void searchLog(String email) {
    page.type("#ck-log-email", email);
    page.click("#ck-log-search-button");
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
}

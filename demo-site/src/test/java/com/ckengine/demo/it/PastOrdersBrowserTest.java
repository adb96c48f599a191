package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.DemoAccount;
import com.ckengine.sandbox.KitSandbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Past Orders in a real browser (headless Chromium), as an operator uses it: two orders are bought
 * in the storefront before the integration exists; then the operator connects a Kit account, writes
 * a Product Purchased rule, opens Past Orders, previews (the counts are those of BLC_ORDER),
 * applies, pauses the run while Kit answers slowly, reloads the page (the run is still there,
 * paused, read from the database), resumes and watches the progress bar reach done; both customers
 * get the tag in Kit, and Logs marks their rows "from past orders". Screenshots 29 to 32 of
 * docs/admin.md.
 */
class PastOrdersBrowserTest extends BrowserTestBase {
  private static final long PRODUCT = 101;
  private static final String LABEL = "Past orders shop";
  private static final String TAG = "bought-before";

  @Test
  void theOperatorAppliesARuleToOrdersPlacedBefore() throws Exception {
    try {
      page.runSavingThePageOnFailure("past-orders-failure.html", this::journey);
    } finally {
      demo.kitSandbox().delayResponses(Duration.ZERO);
    }
  }

  private void journey() throws Exception {
    KitSandbox kit = demo.kitSandbox();
    String secret = DemoAccount.createAnother(kit, "past-orders@demo-store.example");
    String ann = "past.ann." + System.nanoTime() + "@example.com";
    String bob = "past.bob." + System.nanoTime() + "@example.com";
    String annOrder = buy(ann);
    String bobOrder = buy(bob);
    assertFalse(kit.subscriberTags(secret, ann).contains(TAG), "not in this account yet");

    // The operator connects the account and writes the rule after the orders were placed.
    page.logInAsAdmin();
    page.openAdmin("ckengine-integrations/new");
    new Select(page.find("#ck-provider")).selectByVisibleText("ConvertKit");
    page.type("#ck-label", LABEL);
    page.saveSecret(secret);
    assertTrue(
        page.text("#ck-notice").contains("Connected '" + LABEL + "'"), page.text("#ck-notice"));
    page.click("#ck-tab-rules");
    page.click("#ck-new-rule");
    new Select(page.find("#ck-trigger")).selectByVisibleText("Product Purchased");
    page.clickAndLoad(page.find("#ck-next"));
    new Select(page.find("#ck-integration")).selectByVisibleText(LABEL + " (Demo Store)");
    new Select(page.find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    page.clickAndLoad(page.find("#ck-next"));
    page.type("#ck-new-tags", TAG);
    page.click("#ck-submit");
    assertTrue(page.text("#ck-notice").contains("for all products"), page.text("#ck-notice"));

    // Past Orders: this integration, yesterday and today, every order (the demo's are test orders).
    page.click("#ck-tab-past");
    Select integration = new Select(page.find("#ck-past-integration"));
    if (!integration.getFirstSelectedOption().getText().equals(LABEL)) {
      WebElement before = driver.findElement(By.tagName("html"));
      integration.selectByVisibleText(LABEL);
      page.wait.until(ExpectedConditions.stalenessOf(before)); // the page reloads with its rules
    }
    assertEquals(
        LABEL, new Select(page.find("#ck-past-integration")).getFirstSelectedOption().getText());
    assertTrue(
        page.text("#ck-past-rule").contains(TAG),
        "its rule is offered: " + page.text("#ck-past-rule"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    page.type("#ck-past-from", today.minusDays(1).toString());
    page.type("#ck-past-to", today.toString());
    page.click("#ck-past-rules-all");
    untick("#ck-past-exclude-refunded");
    untick("#ck-past-exclude-test");

    // A wrong date is refused beside its field, nothing else happens.
    page.type("#ck-past-to", "2024-02-30");
    page.clickAndLoad(page.find("#ck-past-preview"));
    assertTrue(
        page.text("#ck-past-to-error").contains("YYYY-MM-DD"), page.text("#ck-past-to-error"));
    assertTrue(driver.findElements(By.id("ck-past-apply")).isEmpty(), "no Apply without a preview");
    page.type("#ck-past-to", today.toString());

    page.clickAndLoad(page.find("#ck-past-preview"));
    long[] store = submittedOrdersAndCustomersSince(today.minusDays(1));
    assertTrue(store[0] >= 2, "at least the two orders bought here: " + store[0]);
    assertEquals(
        String.valueOf(store[0]), page.text("#ck-preview-orders"), "orders, as BLC_ORDER has them");
    assertEquals(
        String.valueOf(store[1]), page.text("#ck-preview-customers"), "distinct customers");
    assertEquals(String.valueOf(store[0]), page.text("#ck-preview-kinds .ck-preview-kind-orders"));
    assertEquals(
        "0", page.text("#ck-preview-kinds .ck-preview-kind-planned"), "nothing sent before");
    assertEquals(0, kit.subscriberTags(secret, ann).size(), "a preview sends nothing");
    browser.screenshot("41-past-orders-preview");

    // Apply while Kit answers slowly, so the run is caught half-way: Pause, then reload.
    kit.delayResponses(Duration.ofSeconds(8));
    page.clickAndLoad(page.find("#ck-past-apply"));
    assertTrue(page.text("#ck-notice").contains("started"), page.text("#ck-notice"));
    String runId = page.find("#ck-past-run").getAttribute("data-run-id");
    assertEquals("RUNNING", page.text("#ck-past-status"));
    assertEquals(String.valueOf(store[0]), page.text("#ck-past-total"));
    assertTrue(page.text("#ck-past-time-left").contains("left at the account's limit"));
    page.clickAndLoad(page.find("#ck-past-pause"));
    assertTrue(
        page.text("#ck-notice").contains("Run " + runId + " paused"), page.text("#ck-notice"));
    driver.navigate().refresh();
    assertEquals(runId, page.find("#ck-past-run").getAttribute("data-run-id"), "the same run");
    assertEquals("PAUSED", page.text("#ck-past-status"), "read from the database after a reload");
    assertTrue(driver.findElements(By.id("ck-past-pause")).isEmpty());
    browser.screenshot("42-past-orders-paused");

    // Resume and watch the bar, polled by the page, reach done.
    kit.delayResponses(Duration.ZERO);
    page.clickAndLoad(page.find("#ck-past-resume"));
    assertEquals("RUNNING", page.text("#ck-past-status"));
    browser.screenshot("43-past-orders-running");
    AdminPage.waitFor(
        "the run listed as DONE",
        () ->
            !driver
                .findElements(
                    By.cssSelector(
                        "#ck-past-runs .ck-past-run-row[data-run-id='"
                            + runId
                            + "'][data-status='DONE']"))
                .isEmpty());
    assertTrue(driver.findElements(By.id("ck-past-run")).isEmpty(), "no active run any more");
    String row = page.text("#ck-past-runs .ck-past-run-row[data-run-id='" + runId + "']");
    assertTrue(row.contains(store[0] + " / " + store[0]), row);
    browser.screenshot("44-past-orders-done");
    assertTrue(kit.subscriberTags(secret, ann).contains(TAG));
    assertTrue(kit.subscriberTags(secret, bob).contains(TAG));

    // Logs: the run's rows are marked, and the Origin filter finds them.
    page.click("#ck-tab-logs");
    page.type("#ck-log-email", ann);
    new Select(page.find("#ck-log-origin")).selectByValue("past");
    page.clickAndLoad(page.find("#ck-log-search-button"));
    List<WebElement> rows = driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"));
    assertEquals(1, rows.size(), page.text("#ck-log-table"));
    assertTrue(rows.get(0).getText().contains(annOrder), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains("from past orders"), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains(TAG), rows.get(0).getText());
    browser.screenshot("45-logs-from-past-orders");
    new Select(page.find("#ck-log-origin")).selectByValue("live");
    page.clickAndLoad(page.find("#ck-log-search-button"));
    for (WebElement r : driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"))) {
      assertFalse(r.getText().contains("from past orders"), r.getText());
    }
    page.type("#ck-log-email", bob);
    new Select(page.find("#ck-log-origin")).selectByValue("past");
    page.clickAndLoad(page.find("#ck-log-search-button"));
    assertTrue(page.text("#ck-log-table").contains(bobOrder));

    // Leave the demo as it was for the other tests: the integration goes, its rule is disabled
    // (else it would tag every later buyer, and count in the other tests' Logs).
    page.deleteIntegration(LABEL);
  }

  /** Submitted orders since the start of {@code day} (UTC), and their distinct emails. */
  private static long[] submittedOrdersAndCustomersSince(LocalDate day) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COUNT(*), COUNT(DISTINCT LOWER(COALESCE(o.EMAIL_ADDRESS, cu.EMAIL_ADDRESS)))"
                    + " FROM BLC_ORDER o LEFT JOIN BLC_CUSTOMER cu ON cu.CUSTOMER_ID = o.CUSTOMER_ID"
                    + " WHERE o.ORDER_STATUS = 'SUBMITTED' AND o.SUBMIT_DATE >= ?")) {
      q.setTimestamp(1, Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }

  private static String buy(String email) {
    return page.buyOnStorefront(PRODUCT, email, "Past");
  }

  private static void untick(String css) {
    WebElement box = page.find(css);
    if (box.isSelected()) box.click();
    assertFalse(box.isSelected());
  }
}

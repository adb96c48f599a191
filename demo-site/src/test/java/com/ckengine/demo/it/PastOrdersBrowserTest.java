package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.sandbox.DemoAccount;
import com.ckengine.sandbox.KitSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Past Orders in a real browser (headless Chromium), as an operator uses it: two orders are bought
 * in the storefront before the integration exists; then the operator connects a Kit account, writes
 * a Product Purchased rule, opens Past Orders, previews (the counts are those of BLC_ORDER),
 * applies, pauses the run while Kit answers slowly, reloads the page (the run is still there,
 * paused, read from the database), resumes and watches the progress bar reach done; both customers
 * get the tag in Kit, and Logs marks their rows "from past orders". Screenshots 29 to 32 of
 * docs/admin.md.
 */
class PastOrdersBrowserTest {
  private static final long PRODUCT = 101;
  private static final String LABEL = "Past orders shop";
  private static final String TAG = "bought-before";

  private static DemoServer demo;
  private static HeadlessChromium browser;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
    browser = new HeadlessChromium(AdminJourneyBrowserTest.screenshots());
    driver = browser.driver;
    wait = new WebDriverWait(driver, Duration.ofSeconds(60));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) browser.close();
  }

  @Test
  void theOperatorAppliesARuleToOrdersPlacedBefore() throws Exception {
    try {
      journey();
    } catch (Throwable t) {
      Path target = Paths.get("target", "past-orders-failure.html");
      Files.write(target, driver.getPageSource().getBytes(StandardCharsets.UTF_8));
      throw new AssertionError(
          "at " + driver.getCurrentUrl() + " (page saved to " + target.toAbsolutePath() + ")", t);
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
    login();
    driver.get(demo.adminUrl() + "ckengine-integrations/new");
    new Select(find("#ck-provider")).selectByVisibleText("ConvertKit");
    type("#ck-label", LABEL);
    type("#ck-secret", secret);
    clickAndLoad(find("#ck-save"));
    assertTrue(text("#ck-notice").contains("Connected '" + LABEL + "'"), text("#ck-notice"));
    click("#ck-tab-rules");
    click("#ck-new-rule");
    new Select(find("#ck-trigger")).selectByVisibleText("Product Purchased");
    click("#ck-next");
    new Select(find("#ck-integration")).selectByVisibleText(LABEL + " (Demo Store)");
    new Select(find("#ck-action")).selectByVisibleText("Add Tag To Subscriber");
    click("#ck-next");
    type("#ck-new-tags", TAG);
    click("#ck-submit");
    assertTrue(text("#ck-notice").contains("for all products"), text("#ck-notice"));

    // Past Orders: this integration, yesterday and today, every order (the demo's are test orders).
    click("#ck-tab-past");
    Select integration = new Select(find("#ck-past-integration"));
    if (!integration.getFirstSelectedOption().getText().equals(LABEL)) {
      WebElement before = driver.findElement(By.tagName("html"));
      integration.selectByVisibleText(LABEL);
      wait.until(ExpectedConditions.stalenessOf(before)); // the page reloads with its rules
    }
    assertEquals(
        LABEL, new Select(find("#ck-past-integration")).getFirstSelectedOption().getText());
    assertTrue(
        text("#ck-past-rule").contains(TAG), "its rule is offered: " + text("#ck-past-rule"));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    type("#ck-past-from", today.minusDays(1).toString());
    type("#ck-past-to", today.toString());
    click("#ck-past-rules-all");
    untick("#ck-past-exclude-refunded");
    untick("#ck-past-exclude-test");

    // A wrong date is refused beside its field, nothing else happens.
    type("#ck-past-to", "2024-02-30");
    clickAndLoad(find("#ck-past-preview"));
    assertTrue(text("#ck-past-to-error").contains("YYYY-MM-DD"), text("#ck-past-to-error"));
    assertTrue(driver.findElements(By.id("ck-past-apply")).isEmpty(), "no Apply without a preview");
    type("#ck-past-to", today.toString());

    clickAndLoad(find("#ck-past-preview"));
    long[] store = submittedOrdersAndCustomersSince(today.minusDays(1));
    assertTrue(store[0] >= 2, "at least the two orders bought here: " + store[0]);
    assertEquals(
        String.valueOf(store[0]), text("#ck-preview-orders"), "orders, as BLC_ORDER has them");
    assertEquals(String.valueOf(store[1]), text("#ck-preview-customers"), "distinct customers");
    assertEquals(String.valueOf(store[0]), text("#ck-preview-kinds .ck-preview-kind-orders"));
    assertEquals("0", text("#ck-preview-kinds .ck-preview-kind-planned"), "nothing sent before");
    assertEquals(0, kit.subscriberTags(secret, ann).size(), "a preview sends nothing");
    browser.screenshot("41-past-orders-preview");

    // Apply while Kit answers slowly, so the run is caught half-way: Pause, then reload.
    kit.delayResponses(Duration.ofSeconds(8));
    clickAndLoad(find("#ck-past-apply"));
    assertTrue(text("#ck-notice").contains("started"), text("#ck-notice"));
    String runId = find("#ck-past-run").getAttribute("data-run-id");
    assertEquals("RUNNING", text("#ck-past-status"));
    assertEquals(String.valueOf(store[0]), text("#ck-past-total"));
    assertTrue(text("#ck-past-time-left").contains("left at the account's limit"));
    clickAndLoad(find("#ck-past-pause"));
    assertTrue(text("#ck-notice").contains("Run " + runId + " paused"), text("#ck-notice"));
    driver.navigate().refresh();
    assertEquals(runId, find("#ck-past-run").getAttribute("data-run-id"), "the same run");
    assertEquals("PAUSED", text("#ck-past-status"), "read from the database after a reload");
    assertTrue(driver.findElements(By.id("ck-past-pause")).isEmpty());
    browser.screenshot("42-past-orders-paused");

    // Resume and watch the bar, polled by the page, reach done.
    kit.delayResponses(Duration.ZERO);
    clickAndLoad(find("#ck-past-resume"));
    assertEquals("RUNNING", text("#ck-past-status"));
    browser.screenshot("43-past-orders-running");
    waitFor(
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
    String row = text("#ck-past-runs .ck-past-run-row[data-run-id='" + runId + "']");
    assertTrue(row.contains(store[0] + " / " + store[0]), row);
    browser.screenshot("44-past-orders-done");
    assertTrue(kit.subscriberTags(secret, ann).contains(TAG));
    assertTrue(kit.subscriberTags(secret, bob).contains(TAG));

    // Logs: the run's rows are marked, and the Origin filter finds them.
    click("#ck-tab-logs");
    type("#ck-log-email", ann);
    new Select(find("#ck-log-origin")).selectByValue("past");
    click("#ck-log-search-button");
    List<WebElement> rows = driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"));
    assertEquals(1, rows.size(), text("#ck-log-table"));
    assertTrue(rows.get(0).getText().contains(annOrder), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains("from past orders"), rows.get(0).getText());
    assertTrue(rows.get(0).getText().contains(TAG), rows.get(0).getText());
    browser.screenshot("45-logs-from-past-orders");
    new Select(find("#ck-log-origin")).selectByValue("live");
    click("#ck-log-search-button");
    for (WebElement r : driver.findElements(By.cssSelector("#ck-log-table .ck-log-row"))) {
      assertFalse(r.getText().contains("from past orders"), r.getText());
    }
    type("#ck-log-email", bob);
    new Select(find("#ck-log-origin")).selectByValue("past");
    click("#ck-log-search-button");
    assertTrue(text("#ck-log-table").contains(bobOrder));
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
    driver.get(demo.storeUrl() + "products/" + PRODUCT);
    click("button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/cart"));
    driver.get(demo.storeUrl() + "checkout");
    type("input[name=email]", email);
    type("input[name=firstName]", "Past");
    click(".checkout-form button[type=submit]");
    wait.until(ExpectedConditions.urlContains("/confirmation/"));
    String url = driver.getCurrentUrl();
    return url.substring(url.indexOf("/confirmation/") + "/confirmation/".length());
  }

  private static void login() {
    driver.manage().deleteAllCookies();
    driver.get(demo.adminUrl() + "login");
    type("#username", DemoServer.ADMIN_USER);
    type("#password", DemoServer.ADMIN_PASSWORD);
    click("input[type=submit]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  private static void clickAndLoad(WebElement button) {
    WebElement before = driver.findElement(By.tagName("html"));
    wait.until(ExpectedConditions.elementToBeClickable(button)).click();
    wait.until(ExpectedConditions.stalenessOf(before));
  }

  private static void untick(String css) {
    WebElement box = find(css);
    if (box.isSelected()) box.click();
    assertFalse(box.isSelected());
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

  private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
    long until = System.currentTimeMillis() + 90_000;
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(500);
    }
  }
}

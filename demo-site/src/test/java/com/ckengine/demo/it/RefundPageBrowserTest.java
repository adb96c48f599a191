package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The refund page in a real browser (headless Chromium), reached as an operator reaches it: from
 * the order in Customer Care, through its Refunds link. "Refund whole line" ticks when clicked (the
 * admin's own script takes clicks in its list grids' rows), and the refund is recorded.
 */
class RefundPageBrowserTest {
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
  void refundWholeLineTicksWhenClickedAndTheRefundIsRecorded() throws Exception {
    String order = buy(101, "refund.page@example.com");
    login();
    driver.get(demo.adminUrl() + "order/" + orderId(order));
    find("a.ckengine-refund-link").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ck-refund-lines")));

    WebElement whole = find("#ck-refund-lines input.ck-refund-whole");
    assertFalse(whole.isSelected());
    whole.click();
    assertTrue(whole.isSelected(), "the box ticks when clicked");
    browser.screenshot("24-refund-page");
    find("#ckengine-refund button[type=submit]").click();

    String message = find("#ckengine-refund .ck-message").getText();
    assertTrue(message.toLowerCase().contains("refund"), message);
    List<WebElement> recorded = driver.findElements(By.cssSelector("#ckengine-refund ul li"));
    assertFalse(recorded.isEmpty(), "the refund is listed under Refunds recorded");
  }

  /** Buys one product on the storefront, as a shopper does; returns the order number. */
  private static String buy(long product, String email) {
    driver.get(demo.storeUrl() + "products/" + product);
    find("button[type=submit]").click();
    wait.until(ExpectedConditions.urlContains("/cart"));
    driver.get(demo.storeUrl() + "checkout");
    type("input[name=email]", email);
    type("input[name=firstName]", "Rita");
    find(".checkout-form button[type=submit]").click();
    wait.until(ExpectedConditions.urlContains("/confirmation/"));
    String url = driver.getCurrentUrl();
    return url.substring(url.indexOf("/confirmation/") + "/confirmation/".length());
  }

  private static void login() {
    driver.manage().deleteAllCookies();
    driver.get(demo.adminUrl() + "login");
    type("#username", DemoServer.ADMIN_USER);
    type("#password", DemoServer.ADMIN_PASSWORD);
    find("input[type=submit]").click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sideMenu")));
  }

  private static long orderId(String orderNumber) throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT ORDER_ID FROM BLC_ORDER WHERE ORDER_NUMBER = ?")) {
      q.setString(1, orderNumber);
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), "order " + orderNumber);
        return rs.getLong(1);
      }
    }
  }

  private static WebElement find(String css) {
    return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
  }

  private static void type(String css, String value) {
    WebElement e = find(css);
    e.clear();
    e.sendKeys(value);
  }
}

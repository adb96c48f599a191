package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The refund page in a real browser (headless Chromium), reached as an operator reaches it: from
 * the order in Customer Care, through its Refunds link. "Refund whole line" ticks when clicked (the
 * admin's own script takes clicks in its list grids' rows), and the refund is recorded.
 */
class RefundPageBrowserTest extends BrowserTestBase {

  @Test
  void refundWholeLineTicksWhenClickedAndTheRefundIsRecorded() throws Exception {
    String order = page.buyOnStorefront(101, "refund.page@example.com", "Rita");
    page.logInAsAdmin();
    page.openAdmin("order/" + orderId(order));
    page.findClickable("a.ckengine-refund-link").click();
    page.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ck-refund-lines")));

    WebElement whole = page.findClickable("#ck-refund-lines input.ck-refund-whole");
    assertFalse(whole.isSelected());
    whole.click();
    assertTrue(whole.isSelected(), "the box ticks when clicked");
    browser.screenshot("24-refund-page");
    page.findClickable("#ckengine-refund button[type=submit]").click();

    String message = page.findClickable("#ckengine-refund .ck-message").getText();
    assertTrue(message.toLowerCase().contains("refund"), message);
    List<WebElement> recorded = driver.findElements(By.cssSelector("#ckengine-refund ul li"));
    assertFalse(recorded.isEmpty(), "the refund is listed under Refunds recorded");
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
}

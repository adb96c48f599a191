package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Buying through the real storefront over HTTP, and the checkout's refusals. */
class StorefrontCheckoutTest {
  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void aPurchaseWithTheOrderBumpEndsSubmittedWithBothItems() throws Exception {
    WebClient browser = new WebClient(demo.storeUrl());
    assertEquals(200, browser.get("/").statusCode());
    HttpResponse<String> added =
        browser.post("/cart/add", Map.of("productId", "101", "quantity", "1"));
    assertEquals(302, added.statusCode());

    HttpResponse<String> checkoutPage = browser.get("/checkout");
    assertEquals(200, checkoutPage.statusCode());
    assertTrue(
        checkoutPage.body().contains("Test payment"),
        "the checkout says the payment is a test payment");
    assertTrue(
        checkoutPage.body().contains("Swipe File Bundle"), "the checkout offers the order bump");
    assertTrue(
        checkoutPage.body().contains("<td>Email Marketing Masterclass</td>"),
        "the checkout lists the cart");

    HttpResponse<String> placed =
        browser.post(
            "/checkout",
            Map.of(
                "email",
                "jane.buyer@example.com",
                "firstName",
                "Jane",
                "addOrderBump",
                "true",
                "_addOrderBump",
                "on"));
    assertEquals(302, placed.statusCode(), placed.body());
    String confirmationPath = browser.redirectPath(placed);
    assertTrue(confirmationPath.startsWith("/confirmation/"), confirmationPath);
    String orderNumber = confirmationPath.substring("/confirmation/".length());

    HttpResponse<String> confirmation = browser.get(confirmationPath);
    assertEquals(200, confirmation.statusCode());
    assertTrue(
        confirmation.body().contains(orderNumber), "the confirmation shows the order number");
    assertTrue(
        confirmation.body().contains("<td>Swipe File Bundle</td>"),
        "the confirmation lists the bump line");

    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT o.ORDER_STATUS, o.EMAIL_ADDRESS, oi.NAME, a.VALUE FROM BLC_ORDER o "
                    + "JOIN BLC_ORDER_ITEM oi ON oi.ORDER_ID = o.ORDER_ID "
                    + "LEFT JOIN BLC_ORDER_ITEM_ATTRIBUTE a ON a.ORDER_ITEM_ID = oi.ORDER_ITEM_ID AND a.NAME = 'ckengine.lineRole' "
                    + "WHERE o.ORDER_NUMBER = ? ORDER BY oi.NAME")) {
      q.setString(1, orderNumber);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          assertEquals("SUBMITTED", rs.getString(1));
          assertEquals("jane.buyer@example.com", rs.getString(2));
          lines.add(rs.getString(3) + "=" + rs.getString(4));
        }
      }
      assertEquals(
          List.of("Email Marketing Masterclass=PRIMARY", "Swipe File Bundle=ORDER_BUMP"), lines);
    }
  }

  @Test
  void aMalformedEmailIsRefusedWithAClearMessageAndNoOrderIsSubmitted() throws Exception {
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/");
    browser.post("/cart/add", Map.of("productId", "102", "quantity", "1"));
    browser.get("/checkout");
    int submittedBefore = submittedOrders();

    HttpResponse<String> refused =
        browser.post("/checkout", Map.of("email", "jane@@example", "firstName", "Jane"));
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("is not a valid email address"), refused.body());

    HttpResponse<String> missing =
        browser.post("/checkout", Map.of("email", "  ", "firstName", "Jane"));
    assertEquals(422, missing.statusCode());
    assertTrue(missing.body().contains("Please enter your email address."), missing.body());

    assertEquals(submittedBefore, submittedOrders());
  }

  @Test
  void anEmptyCartCannotCheckOut() throws Exception {
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/checkout");
    int submittedBefore = submittedOrders();

    HttpResponse<String> refused =
        browser.post("/checkout", Map.of("email", "empty@example.com", "firstName", "Ed"));
    assertEquals(422, refused.statusCode());
    assertTrue(refused.body().contains("Your cart is empty"), refused.body());
    assertEquals(submittedBefore, submittedOrders());
  }

  @Test
  void aConfirmationIsShownOnlyToTheSessionThatPlacedTheOrder() throws Exception {
    WebClient stranger = new WebClient(demo.storeUrl());
    assertEquals(404, stranger.get("/confirmation/12345").statusCode());
  }

  private static int submittedOrders() throws Exception {
    try (Connection c = demo.openDatabaseConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT COUNT(*) FROM BLC_ORDER WHERE ORDER_STATUS = 'SUBMITTED'");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

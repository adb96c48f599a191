package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Broadleaf admin: its login form (with CSRF token) and a product's edit page. */
class AdminLoginTest {
  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void theDemoAdminLogsInAndOpensAProduct() throws Exception {
    WebClient admin = new WebClient(demo.adminUrl());
    assertEquals(200, admin.get("/login").statusCode());
    HttpResponse<String> login =
        admin.post(
            "/login_admin_post",
            Map.of("j_username", DemoServer.ADMIN_USER, "j_password", DemoServer.ADMIN_PASSWORD));
    assertEquals(302, login.statusCode());
    assertTrue(admin.redirectPath(login).contains("loginSuccess"), admin.redirectPath(login));

    HttpResponse<String> product = admin.get("/product/104");
    assertEquals(200, product.statusCode());
    assertTrue(
        product.body().contains("Creator Club Membership"),
        "the product's name is on its edit page");
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    WebClient admin = new WebClient(demo.adminUrl());
    admin.get("/login");
    HttpResponse<String> login =
        admin.post(
            "/login_admin_post",
            Map.of("j_username", DemoServer.ADMIN_USER, "j_password", "not-the-password"));
    assertEquals(302, login.statusCode());
    assertTrue(admin.redirectPath(login).contains("login_error"), admin.redirectPath(login));
    HttpResponse<String> product = admin.get("/product/104");
    assertTrue(
        !product.body().contains("Creator Club Membership"), "no product page without a login");
  }
}

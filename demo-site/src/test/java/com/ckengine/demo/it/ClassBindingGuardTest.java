package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests that try to bind class.module.classLoader... are refused, and both apps keep serving.
 */
class ClassBindingGuardTest {
  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void theStorefrontRefusesClassLoaderBinding() throws Exception {
    WebClient browser = new WebClient(demo.storeUrl());
    browser.get("/");
    HttpResponse<String> attack =
        browser.post(
            "/checkout",
            Map.of(
                "email",
                "x@example.com",
                "firstName",
                "X",
                "class.module.classLoader.resources.context.parent.pipeline.first.pattern",
                "pwned"));
    assertEquals(400, attack.statusCode());
    HttpResponse<String> query =
        browser.get("/?class.module.classLoader.DefaultAssertionStatus=true");
    assertEquals(400, query.statusCode());
    assertEquals(200, browser.get("/").statusCode(), "the store keeps serving");
  }

  @Test
  void theAdminRefusesClassLoaderBindingInAMultipartBody() throws Exception {
    WebClient admin =
        WebClient.adminSignedIn(demo.adminUrl(), DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    Map<String, String> step1 = new java.util.LinkedHashMap<>();
    step1.put("step", "1");
    step1.put("trigger", "PRODUCT_PURCHASED");
    // The same form without the class field is read and answered (so the 400 below is the guard).
    admin.get("/ckengine-integrations/rules/new");
    HttpResponse<String> plain = admin.postMultipart("/ckengine-integrations/rules/form", step1);
    assertEquals(200, plain.statusCode(), plain.body());
    assertTrue(
        plain.body().contains("id=\"ck-summary-trigger\">Product Purchased</b>"),
        "the multipart body was bound: step 2 names the trigger");

    for (String name :
        new String[] {
          "class.module.classLoader.resources.context.parent.pipeline.first.pattern",
          "ruleForm.Class.module.classLoader.defaultAssertionStatus"
        }) {
      Map<String, String> attack = new java.util.LinkedHashMap<>(step1);
      attack.put(name, "pwned");
      admin.get("/ckengine-integrations/rules/new");
      assertEquals(
          400, admin.postMultipart("/ckengine-integrations/rules/form", attack).statusCode(), name);
    }
    assertEquals(200, admin.get("/ckengine-integrations/rules").statusCode(), "still serving");
  }

  @Test
  void theAdminRefusesClassLoaderBinding() throws Exception {
    WebClient admin = new WebClient(demo.adminUrl());
    assertEquals(400, admin.get("/login?Class.Module.ClassLoader.x=1").statusCode());
    assertEquals(200, admin.get("/login").statusCode(), "the admin keeps serving");
  }
}

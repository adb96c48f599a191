package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
  void theAdminRefusesClassLoaderBinding() throws Exception {
    WebClient admin = new WebClient(demo.adminUrl());
    assertEquals(400, admin.get("/login?Class.Module.ClassLoader.x=1").statusCode());
    assertEquals(200, admin.get("/login").statusCode(), "the admin keeps serving");
  }
}

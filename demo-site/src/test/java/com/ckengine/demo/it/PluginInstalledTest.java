package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.demo.launcher.DemoServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin is installed in the host: its tables live in Broadleaf's database, created through
 * blPU.
 */
class PluginInstalledTest {
  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void theEngineTablesAreInTheStoreDatabase() throws Exception {
    try (Connection c = demo.openDatabaseConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (String table :
          List.of("CK_INTEGRATION", "CK_RULE", "CK_EVENT", "CK_ACTION", "CK_DELIVERY_LEASE")) {
        assertTrue(
            exists(meta, table) || exists(meta, table.toLowerCase(Locale.ROOT)), table + " exists");
      }
    }
  }

  @Test
  void onlyTheStorefrontDelivers() throws Exception {
    // The admin war's patch file keeps delivery off unless ckengine.admin.delivery.enabled=true:
    // one poller per JVM, in the storefront (docs/install.md, "What runs where").
    assertEquals(Boolean.TRUE, delivering(demo.siteServletContext()), "the storefront delivers");
    assertEquals(Boolean.FALSE, delivering(demo.adminServletContext()), "the admin war does not");
  }

  /** The engine bean's isDelivering() in a web app, read across its class loader. */
  private static Object delivering(javax.servlet.ServletContext web) throws Exception {
    Object spring = web.getAttribute("org.springframework.web.context.WebApplicationContext.ROOT");
    Object engine =
        spring.getClass().getMethod("getBean", String.class).invoke(spring, "ckIntegrationEngine");
    return engine.getClass().getMethod("isDelivering").invoke(engine);
  }

  @Test
  void theDemoTalksToItsSandbox() {
    assertTrue(demo.kitBaseUrl().startsWith("http://localhost:"), demo.kitBaseUrl());
    assertEquals(demo.kitSandbox().baseUrl(), demo.kitBaseUrl());
  }

  private static boolean exists(DatabaseMetaData meta, String table) throws Exception {
    try (ResultSet rs = meta.getTables(null, null, table, new String[] {"TABLE"})) {
      return rs.next();
    }
  }
}

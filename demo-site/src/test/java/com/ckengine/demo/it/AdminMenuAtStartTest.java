package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.access.AdminRow;
import com.ckengine.admin.access.AdminRowsFile;
import com.ckengine.demo.launcher.DemoServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings > Integrations is there after a fresh start although no web app imports the plugin's SQL
 * file: the admin adds its rows when it starts (AdminRowsInstaller). Runs on the embedded database
 * and, in the "postgres" profile, on a fresh PostgreSQL database.
 */
class AdminMenuAtStartTest {
  private static final String MENU_ENTRY = "<a href=\"/admin/ckengine-integrations\">";

  private static DemoServer demo;

  @BeforeAll
  static void boot() throws Exception {
    demo = RunningDemo.get();
  }

  @Test
  void theStorefrontImportsNoPluginRows() throws Exception {
    // What makes the next tests mean something: the rows cannot come from Hibernate's import files.
    try (InputStream in =
        getClass().getResourceAsStream("/ckdemo/properties/site/common.properties")) {
      String site = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertFalse(site.contains("ckengine_admin_permissions.sql"), site);
    }
  }

  @Test
  void everyRowOfThePluginsFileIsInTheDatabase() throws Exception {
    List<AdminRow> missing = new ArrayList<AdminRow>();
    try (Connection c = demo.openDatabaseConnection()) {
      for (AdminRow row : AdminRowsFile.read()) if (!present(c, row)) missing.add(row);
    }
    assertEquals(List.of(), missing, "rows the admin did not add at start");
  }

  @Test
  void theAdminSeesSettingsIntegrationsInTheMenu() throws Exception {
    WebClient admin =
        WebClient.adminSignedIn(demo.adminUrl(), DemoServer.ADMIN_USER, DemoServer.ADMIN_PASSWORD);
    String page = admin.get("/product/101").body();
    assertTrue(page.contains(MENU_ENTRY), "no Settings > Integrations entry in the menu");
    assertEquals(200, admin.get("/ckengine-integrations").statusCode());
  }

  private static boolean present(Connection c, AdminRow row) throws Exception {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<Object>();
    for (Map.Entry<String, Object> e : row.values().entrySet()) {
      if (where.length() > 0) where.append(" AND ");
      where.append(e.getKey()).append(e.getValue() == null ? " IS NULL" : " = ?");
      if (e.getValue() != null) params.add(e.getValue());
    }
    try (PreparedStatement s =
        c.prepareStatement("SELECT COUNT(*) FROM " + row.table() + " WHERE " + where)) {
      for (int i = 0; i < params.size(); i++) s.setObject(i + 1, params.get(i));
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getLong(1) == 1;
      }
    }
  }
}

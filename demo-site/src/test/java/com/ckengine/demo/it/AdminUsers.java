package com.ckengine.demo.it;

import com.ckengine.demo.launcher.DemoServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Two more admin users for the permission tests, written with SQL as a store's DBA would: {@link
 * #MERCHANDISER} maintains products but has no integration permission; {@link #VIEWER} also holds
 * "View Integrations" (read-only). Password = user name.
 */
final class AdminUsers {
  static final String MERCHANDISER = "ckmerch";
  static final String VIEWER = "ckviewer";

  private AdminUsers() {}

  static synchronized void seed(DemoServer demo) throws Exception {
    try (Connection c = demo.openDatabaseConnection()) {
      try (PreparedStatement q =
          c.prepareStatement("SELECT COUNT(*) FROM BLC_ADMIN_USER WHERE LOGIN = ?")) {
        q.setString(1, VIEWER);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO BLC_ADMIN_ROLE (ADMIN_ROLE_ID, DESCRIPTION, NAME) "
                + "VALUES (-9201, 'Integrations viewer', 'ROLE_CK_VIEWER')");
        // -9103: the plugin's friendly "View Integrations" permission.
        s.execute(
            "INSERT INTO BLC_ADMIN_ROLE_PERMISSION_XREF (ADMIN_ROLE_ID, ADMIN_PERMISSION_ID) "
                + "VALUES (-9201, -9103)");
      }
      user(c, -9201, MERCHANDISER, -2);
      user(c, -9202, VIEWER, -2, -9201);
      if (!c.getAutoCommit()) c.commit();
    }
  }

  private static void user(Connection c, long id, String login, long... roles) throws Exception {
    try (PreparedStatement u =
        c.prepareStatement(
            "INSERT INTO BLC_ADMIN_USER (ADMIN_USER_ID, EMAIL, LOGIN, NAME, PASSWORD, ACTIVE_STATUS_FLAG) "
                + "VALUES (?, ?, ?, ?, ?, ?)")) {
      u.setLong(1, id);
      u.setString(2, login + "@demo.store");
      u.setString(3, login);
      u.setString(4, login);
      u.setString(5, sha1(login + "{" + id + "}"));
      u.setBoolean(6, true);
      u.executeUpdate();
    }
    for (long role : roles) {
      try (PreparedStatement r =
          c.prepareStatement(
              "INSERT INTO BLC_ADMIN_USER_ROLE_XREF (ADMIN_ROLE_ID, ADMIN_USER_ID) VALUES (?, ?)")) {
        r.setLong(1, role);
        r.setLong(2, id);
        r.executeUpdate();
      }
    }
  }

  private static String sha1(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
    StringBuilder b = new StringBuilder();
    for (byte x : d) b.append(String.format("%02x", x));
    return b.toString();
  }
}

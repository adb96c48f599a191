package com.ckengine.admin.access;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManagerFactory;

/**
 * A fresh test database for the admin rows: Broadleaf 3.1's admin tables ({@code
 * broadleaf_admin_tables.sql}) and Broadleaf's own admin rows (its {@code load_admin_*.sql} from
 * the broadleaf-framework jar), read and written over plain JDBC, plus the {@code blPU}-like
 * factory the installer is given.
 */
final class AdminDatabase implements AutoCloseable {
  /** Broadleaf's import files, in the order its guide lists them. */
  static final String[] BROADLEAF_ROWS = {
    "config/bc/sql/load_admin_permissions.sql",
    "config/bc/sql/load_admin_roles.sql",
    "config/bc/sql/load_admin_menu.sql"
  };

  private final String url;
  private final String user;
  private final String password;
  final EntityManagerFactory emf;

  AdminDatabase(String url, String user, String password, EntityManagerFactory emf) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.emf = emf;
  }

  /** An installer on this database, as the admin patch file declares it. */
  AdminRowsInstaller installer() {
    AdminRowsInstaller installer = new AdminRowsInstaller();
    installer.setEntityManagerFactory(emf);
    return installer;
  }

  AdminDatabase withBroadleafTables() throws Exception {
    runFile("broadleaf_admin_tables.sql");
    return this;
  }

  AdminDatabase withBroadleafRows() throws Exception {
    for (String file : BROADLEAF_ROWS) runFile(file);
    return this;
  }

  /** Runs each statement line of a class path file (comment and blank lines skipped). */
  void runFile(String resource) throws Exception {
    List<String> statements = new ArrayList<String>();
    for (String line : resource(resource).split("\r?\n")) {
      String s = line.trim();
      if (s.isEmpty() || s.startsWith("--")) continue;
      statements.add(s.endsWith(";") ? s.substring(0, s.length() - 1) : s);
    }
    execute(statements.toArray(new String[0]));
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) s.execute(sql);
    }
  }

  long count(String table) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether a row with every value of {@code row} is in its table. */
  boolean has(AdminRow row) throws SQLException {
    StringBuilder where = new StringBuilder();
    List<Object> params = new ArrayList<Object>();
    for (Map.Entry<String, Object> e : row.values().entrySet()) {
      if (where.length() > 0) where.append(" AND ");
      where.append(e.getKey()).append(e.getValue() == null ? " IS NULL" : " = ?");
      if (e.getValue() != null) params.add(e.getValue());
    }
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM " + row.table() + " WHERE " + where)) {
      for (int i = 0; i < params.size(); i++) s.setObject(i + 1, params.get(i));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = AdminDatabase.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException(name + " is not on the test class path");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    emf.close();
  }
}

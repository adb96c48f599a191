package com.ckengine.demo.launcher;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The store's database: an embedded HSQLDB file database in the data folder, or a PostgreSQL
 * database named by JDBC URL. Decides whether the schema has to be created (first start, or {@code
 * --reset}) — Broadleaf loads its seed data only when Hibernate creates the schema — or only
 * updated.
 */
final class DemoDatabase {
  private static final String HSQLDB_DRIVER = "org.hsqldb.jdbc.JDBCDriver";
  private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

  private final String url;
  private final String user;
  private final String password;
  private final String driver;
  private final String dialect;
  private final boolean embedded;

  private DemoDatabase(
      String url, String user, String password, String driver, String dialect, boolean embedded) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.driver = driver;
    this.dialect = dialect;
    this.embedded = embedded;
  }

  static DemoDatabase from(DemoOptions options) throws IOException {
    if (options.embeddedDatabase()) {
      File folder = new File(options.dataDir(), "db");
      if (options.reset()) {
        deleteRecursively(folder);
      }
      if (!folder.isDirectory() && !folder.mkdirs()) {
        throw new IOException("Cannot create the database folder " + folder);
      }
      // write_delay=false: every commit reaches the disk before it returns, so a killed demo keeps
      // it. tx=mvcc: readers take no locks, as on the databases stores run in production; in
      // HSQLDB's default mode whole tables are locked, and the background delivery's transactions
      // would keep meeting the storefront's in deadlocks.
      String url =
          "jdbc:hsqldb:file:"
              + new File(folder, "store").getPath()
              + ";hsqldb.write_delay=false;hsqldb.tx=mvcc";
      return new DemoDatabase(
          url, "SA", "", HSQLDB_DRIVER, "org.hibernate.dialect.HSQLDialect", true);
    }
    return new DemoDatabase(
        options.jdbcUrl(),
        options.jdbcUser(),
        options.jdbcPassword() == null ? "" : options.jdbcPassword(),
        POSTGRES_DRIVER,
        "org.hibernate.dialect.PostgreSQLDialect",
        false);
  }

  /**
   * "create" when the store's tables are not there yet (or a reset was asked for), else "update".
   * Creating drops every Broadleaf table first, so it is chosen only for an empty database or a
   * reset.
   */
  String schemaMode(boolean reset) throws SQLException {
    if (embedded) useMvcc();
    if (reset) {
      return "create";
    }
    return hasStoreTables() ? "update" : "create";
  }

  /**
   * A database made before the URL asked for MVCC keeps its mode until told (nothing is open yet).
   */
  private void useMvcc() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SET DATABASE TRANSACTION CONTROL MVCC");
    }
  }

  private boolean hasStoreTables() throws SQLException {
    try (Connection c = connect()) {
      DatabaseMetaData meta = c.getMetaData();
      for (String name : new String[] {"BLC_PRODUCT", "blc_product"}) {
        try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
          if (rs.next()) {
            return true;
          }
        }
      }
      return false;
    }
  }

  Connection connect() throws SQLException {
    try {
      Class.forName(driver);
    } catch (ClassNotFoundException e) {
      throw new SQLException("JDBC driver " + driver + " is not on the class path", e);
    }
    return DriverManager.getConnection(url, user, password);
  }

  /** Closes the embedded database cleanly so that its files are compact for the next start. */
  void shutdown() {
    if (!embedded) {
      return;
    }
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException ignored) {
      // Already closed: nothing to do. Commits are on disk either way (write_delay=false).
    }
  }

  /** The system properties the web applications' Spring placeholders read (see ckdemo/*.xml). */
  void exportTo(Properties target, String schemaMode) {
    target.setProperty("ckdemo.db.url", url);
    target.setProperty("ckdemo.db.user", user == null ? "" : user);
    target.setProperty("ckdemo.db.password", password);
    target.setProperty("ckdemo.db.driver", driver);
    target.setProperty("ckdemo.db.dialect", dialect);
    target.setProperty(
        "ckdemo.db.validationQuery",
        embedded ? "SELECT 1 FROM INFORMATION_SCHEMA.SYSTEM_USERS" : "SELECT 1");
    target.setProperty("ckdemo.schema.mode", schemaMode);
  }

  String describe() {
    return embedded
        ? "embedded HSQLDB, " + url.substring("jdbc:hsqldb:file:".length(), url.indexOf(';'))
        : "PostgreSQL, " + url;
  }

  private static void deleteRecursively(File f) throws IOException {
    File[] children = f.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    if (f.exists() && !f.delete()) {
      throw new IOException("Cannot delete " + f);
    }
  }
}

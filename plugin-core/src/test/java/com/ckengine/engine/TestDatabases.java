package com.ckengine.engine;

import com.ckengine.engine.store.EngineEntities;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.hibernate.ejb.Ejb3Configuration;

/**
 * Builds EntityManagerFactories over the engine's entities for tests: in-memory (or server) HSQLDB
 * and, when CKIE_PG_URL is set, a fresh PostgreSQL database per call.
 */
public final class TestDatabases {
  private TestDatabases() {}

  /**
   * Stores an integration row directly (no Kit call), with a dummy secret encrypted under {@code
   * key}: for tests that only need an integration id to hang rules and actions on.
   */
  public static long insertIntegration(EntityManagerFactory emf, String key, String label) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      IntegrationEntity i = new IntegrationEntity();
      i.setLabel(label);
      i.setSecretCiphertext(SecretCipher.fromBase64Key(key).encrypt("x"));
      i.setCreatedAt(new Date());
      em.persist(i);
      em.getTransaction().commit();
      return i.getId();
    } finally {
      em.close();
    }
  }

  /** Runs one SQL statement (DDL or a write) in a transaction of its own. */
  public static void execute(EntityManagerFactory emf, String statement) {
    new Jpa(emf).tx(em -> em.createNativeQuery(statement).executeUpdate());
  }

  /** A private in-memory HSQLDB. */
  public static EntityManagerFactory hsqldb() {
    return hsqldb(
        "jdbc:hsqldb:mem:ck" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc",
        "create");
  }

  /** HSQLDB at {@code url}, with hbm2ddl {@code ddl} ("create", "validate", ...). */
  public static EntityManagerFactory hsqldb(String url, String ddl) {
    return hsqldb(url, ddl, new Properties());
  }

  /** HSQLDB with extra Hibernate properties. */
  public static EntityManagerFactory hsqldb(String url, String ddl, Properties extra) {
    Properties p = new Properties();
    p.putAll(extra);
    p.put("hibernate.dialect", "org.hibernate.dialect.HSQLDialect");
    p.put("hibernate.connection.driver_class", "org.hsqldb.jdbc.JDBCDriver");
    p.put("hibernate.connection.url", url);
    p.put("hibernate.connection.username", "SA");
    p.put("hibernate.connection.password", "");
    return build(p, ddl);
  }

  public static boolean postgresAvailable() {
    return System.getenv("CKIE_PG_URL") != null;
  }

  /** Creates a fresh database on the CKIE_PG_URL server and returns its JDBC URL. */
  public static String newPostgresDatabase() {
    String base = System.getenv("CKIE_PG_URL");
    String name = "ck_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = postgresConnection(base);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a PostgreSQL test database", e);
    }
    return base.substring(0, base.lastIndexOf('/') + 1) + name;
  }

  /** A fresh PostgreSQL database with the engine's schema created; returns its JDBC URL. */
  public static String newPostgresSchema() {
    String url = newPostgresDatabase();
    postgres(url, "create").close();
    return url;
  }

  /** A plain JDBC connection to the PostgreSQL database at {@code url}, as the test user. */
  public static Connection postgresConnection(String url) throws SQLException {
    return DriverManager.getConnection(
        url, System.getenv("CKIE_PG_USER"), System.getenv("CKIE_PG_PASSWORD"));
  }

  public static EntityManagerFactory postgres(String url, String ddl) {
    Properties p = new Properties();
    p.put("hibernate.dialect", "org.hibernate.dialect.PostgreSQL82Dialect");
    p.put("hibernate.connection.driver_class", "org.postgresql.Driver");
    p.put("hibernate.connection.url", url);
    p.put("hibernate.connection.username", System.getenv("CKIE_PG_USER"));
    p.put("hibernate.connection.password", System.getenv("CKIE_PG_PASSWORD"));
    return build(p, ddl);
  }

  /** A fresh PostgreSQL database with the schema created. */
  public static EntityManagerFactory postgres() {
    return postgres(newPostgresDatabase(), "create");
  }

  @SuppressWarnings("deprecation")
  private static EntityManagerFactory build(Properties p, String ddl) {
    p.put("hibernate.hbm2ddl.auto", ddl);
    p.put("hibernate.connection.pool_size", "20");
    p.put("hibernate.jdbc.batch_size", "50");
    p.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
    Ejb3Configuration cfg = new Ejb3Configuration();
    for (Class<?> c : EngineEntities.CLASSES) cfg.addAnnotatedClass(c);
    cfg.addProperties(p);
    return cfg.buildEntityManagerFactory();
  }

  /** How many log entries match {@code q}, paging through them all. */
  public static int countLog(IntegrationEngine engine, LogQuery.Builder q) {
    int n = 0;
    LogCursor after = null;
    do {
      LogPage page = engine.log().search(q.pageSize(LogQuery.MAX_PAGE_SIZE).after(after).build());
      n += page.entries().size();
      after = page.nextCursor();
    } while (after != null);
    return n;
  }
}

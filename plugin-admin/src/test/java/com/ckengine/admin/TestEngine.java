package com.ckengine.admin;

import com.ckengine.admin.screens.IntegrationForm;
import com.ckengine.admin.screens.IntegrationSetup;
import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.store.EngineEntities;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.hibernate.ejb.Ejb3Configuration;

/**
 * The real engine for the admin screens' tests: a private in-memory HSQLDB, the offline Kit sandbox
 * with one account ("Demo Store", tags "vip" and "buyer"), delivery not started; and what the
 * screens' tests do to it beyond their screens (connect "Main", run SQL).
 */
public final class TestEngine implements AutoCloseable {
  public final KitSandbox sandbox;
  public final String secret;
  public final EntityManagerFactory emf;
  public final IntegrationEngine engine;

  public TestEngine() {
    this(null);
  }

  /** With the store's past orders read from {@code pastOrders} (the Past Orders tab's tests). */
  public TestEngine(com.ckengine.api.past.PastOrderSource pastOrders) {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Demo Store", "owner@demo-store.example");
    sandbox.createTag(secret, "vip");
    sandbox.createTag(secret, "buyer");
    emf = hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .build())
            .secretKey(SecretCipher.generateKey())
            .ruleRefreshInterval(Duration.ZERO)
            .pastOrderSource(pastOrders)
            .pastOrderTick(Duration.ofMillis(100))
            .build();
  }

  @SuppressWarnings("deprecation")
  private static EntityManagerFactory hsqldb() {
    Properties p = new Properties();
    p.put("hibernate.dialect", "org.hibernate.dialect.HSQLDialect");
    p.put("hibernate.connection.driver_class", "org.hsqldb.jdbc.JDBCDriver");
    p.put(
        "hibernate.connection.url",
        "jdbc:hsqldb:mem:ckadmin"
            + UUID.randomUUID().toString().replace("-", "")
            + ";hsqldb.tx=mvcc");
    p.put("hibernate.connection.username", "SA");
    p.put("hibernate.connection.password", "");
    p.put("hibernate.hbm2ddl.auto", "create");
    p.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
    // Broadleaf brings Hibernate Validator onto the test class path; the engine needs none.
    p.put("javax.persistence.validation.mode", "none");
    Ejb3Configuration cfg = new Ejb3Configuration();
    for (Class<?> c : EngineEntities.CLASSES) cfg.addAnnotatedClass(c);
    cfg.addProperties(p);
    return cfg.buildEntityManagerFactory();
  }

  /** Connects the account as integration "Main" through the Integration Setup screen. */
  public Integration connectMain() {
    IntegrationForm f = new IntegrationForm();
    f.setLabel("Main");
    f.setApiSecret(secret);
    return new IntegrationSetup(engine).connect(f).value();
  }

  /** Runs one SQL statement (DDL or a write) in a transaction of its own. */
  public void sql(String statement) {
    new Jpa(emf).tx(em -> em.createNativeQuery(statement).executeUpdate());
  }

  @Override
  public void close() {
    engine.close();
    emf.close();
    sandbox.close();
  }
}

package com.ckengine.demo.it;

import com.ckengine.engine.store.EngineEntities;
import java.util.Properties;
import javax.persistence.EntityManagerFactory;
import org.hibernate.ejb.Ejb3Configuration;

/**
 * The running demo's own database (named by the {@code ckdemo.db.*} system properties the demo's
 * tests start with), opened as a second engine node would: the engine's entities only, the schema
 * left as the demo made it.
 */
final class DemoNodeDatabase {
  private DemoNodeDatabase() {}

  @SuppressWarnings("deprecation")
  static EntityManagerFactory open(int poolSize) {
    Properties p = new Properties();
    p.put("hibernate.dialect", System.getProperty("ckdemo.db.dialect"));
    p.put("hibernate.connection.driver_class", System.getProperty("ckdemo.db.driver"));
    p.put("hibernate.connection.url", System.getProperty("ckdemo.db.url"));
    p.put("hibernate.connection.username", System.getProperty("ckdemo.db.user"));
    p.put("hibernate.connection.password", System.getProperty("ckdemo.db.password"));
    // As Broadleaf configures blPU: both nodes must hand out ids from CK_ID_GEN the same way.
    p.put("hibernate.id.new_generator_mappings", "true");
    p.put("hibernate.hbm2ddl.auto", "none");
    p.put("hibernate.connection.pool_size", String.valueOf(poolSize));
    p.put("javax.persistence.transactionType", "RESOURCE_LOCAL");
    Ejb3Configuration cfg = new Ejb3Configuration();
    for (Class<?> c : EngineEntities.CLASSES) cfg.addAnnotatedClass(c);
    cfg.addProperties(p);
    return cfg.buildEntityManagerFactory();
  }
}

package com.ckengine.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.OfflineEngine;
import com.ckengine.engine.TestDatabases;
import com.ckengine.testing.LimitedDataSource;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription fact holds its row lock while it publishes what it fires: with the engine's own
 * publisher the events are stored through the fact's one connection, never a second one, so a store
 * whose pool is all taken by facts cannot deadlock on it. Here the pool has one connection.
 */
class SubscriptionFactsOneConnectionTest {
  LimitedDataSource pool;
  EntityManagerFactory emf;
  IntegrationEngine engine;
  JpaSubscriptionLifecycle lifecycle;

  @BeforeEach
  void setUp() {
    String url =
        "jdbc:hsqldb:mem:ck" + UUID.randomUUID().toString().replace("-", "") + ";hsqldb.tx=mvcc";
    pool = new LimitedDataSource(url, 2000);
    Properties p = new Properties();
    p.put("hibernate.connection.datasource", pool);
    emf = TestDatabases.hsqldb(url, "create", p);
    // Not started: only the caller's thread takes connections.
    engine = OfflineEngine.builder(emf).build();
    long integration = OfflineEngine.insertIntegration(emf);
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.SUBSCRIPTION_CHARGED)
                .integrationId(integration)
                .action(ActionType.ADD_PURCHASE)
                .build());
    lifecycle =
        JpaSubscriptionLifecycle.builder()
            .entityManagerFactory(emf)
            .publisher(engine.publisher())
            .build();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
  }

  @Test
  void aChargePublishesItsEventThroughTheFactsOwnConnection() {
    String sub = "sub-one-connection";
    SubscriptionLifecycleTestBase.start(lifecycle, sub);
    lifecycle.chargeSucceeded(SubscriptionLifecycleTestBase.success(sub, "c0", 1)); // id blocks
    pool.limit(1);

    FactResult charged =
        lifecycle.chargeSucceeded(SubscriptionLifecycleTestBase.success(sub, "c1", 2));
    FactResult failed = lifecycle.chargeFailed(SubscriptionLifecycleTestBase.failure(sub, "c2", 3));

    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), charged.triggers());
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED), failed.triggers());
    assertEquals(0, pool.refused(), "no second connection was asked for");
    assertEquals(
        4,
        engine.log().search(LogQuery.builder().reference(sub).build()).entries().size(),
        "the events stored with the facts: two purchases, and the no-rule entries of the first"
            + " charge's Subscription Started and of the failure");
  }
}

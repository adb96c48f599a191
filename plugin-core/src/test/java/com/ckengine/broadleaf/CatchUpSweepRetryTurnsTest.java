package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.Trigger;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.engine.UnstoredEvent;
import com.ckengine.kit.KitClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events the database refused are retried a few a run, those tried longest ago first. A try that
 * does not store the event (its order is gone, it cannot be read) counts as a try, so events that
 * can never be stored go behind the others instead of taking every run's turns: with N turns a run
 * and N such events ahead of it, the next one is stored at the second run. A real engine on HSQLDB
 * and a real refusal (a database trigger) record the events.
 */
class CatchUpSweepRetryTurnsTest {
  static final int TURNS = 3;

  EntityManagerFactory emf;
  IntegrationEngine engine;
  FakeOrders orders;
  CatchUpSweep sweep;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl("http://127.0.0.1:9/").build())
            .secretKey(SecretCipher.generateKey())
            .build();
    orders = new FakeOrders(engine);
    sweep = new CatchUpSweep();
    sweep.setSource(orders);
    sweep.setUnstoredEvents(engine.unstoredEvents());
    sweep.setMaxRetriesPerRun(TURNS);
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void eventsThatCanNeverBeStoredDoNotTakeEveryRunsTurns() throws Exception {
    sql(
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
    // Refused in this order, so the three that can never be stored are tried longest ago.
    for (String number : new String[] {"3001", "3002", "3003", "3004"}) {
      assertThrows(EventNotStoredException.class, () -> publish(number));
      Thread.sleep(5);
    }
    sql("DROP TRIGGER CK_TEST_REFUSE");
    orders.deleted("3001");
    orders.deleted("3002");
    orders.failing("3003", () -> new IllegalStateException("order 3003 cannot be read"));

    int runs = 0;
    while (!orders.stored("3004") && runs < 2) {
      CatchUpSweep.Run run = sweep.runOnce();
      assertTrue(!run.stoppedByFailure, run.toString());
      runs++;
    }
    assertTrue(orders.stored("3004"), "the fourth got its turn within two runs of three turns");
    assertEquals(2, runs, "the first run's turns went to the three ahead of it");

    List<String> waiting = new ArrayList<>();
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      waiting.add(u.eventKey());
      assertTrue(u.attempts() >= 2, "each try counted: " + u);
    }
    Collections.sort(waiting);
    assertEquals(
        List.of("order:3001:purchased", "order:3002:purchased", "order:3003:purchased"), waiting);
    UnstoredEvent gone = find("order:3001:purchased");
    assertEquals("order 3001 no longer exists", gone.reason(), "the last try's reason");
    assertTrue(find("order:3003:purchased").reason().contains("cannot be read"));
  }

  @Test
  void theOperatorsRetryStillGoesFirst() throws Exception {
    sql(
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
    for (String number : new String[] {"4001", "4002", "4003", "4004"}) {
      assertThrows(EventNotStoredException.class, () -> publish(number));
      Thread.sleep(5);
    }
    sql("DROP TRIGGER CK_TEST_REFUSE");
    for (String number : new String[] {"4001", "4002", "4003"}) orders.deleted(number);
    assertTrue(engine.unstoredEvents().requestRetry("order:4004:purchased"));

    sweep.runOnce();
    assertTrue(orders.stored("4004"), "asked for, so tried in the first run");
    assertEquals(
        3,
        engine
            .unstoredEvents()
            .toRetry(Collections.singleton(Trigger.PRODUCT_PURCHASED), 10)
            .size());
  }

  private UnstoredEvent find(String eventKey) {
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      if (u.eventKey().equals(eventKey)) return u;
    }
    throw new AssertionError(eventKey + " not listed");
  }

  private void publish(String number) {
    engine.publisher().publish(FakeOrders.purchase(number));
  }

  private void sql(String statement) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      em.createNativeQuery(statement).executeUpdate();
      em.getTransaction().commit();
    } finally {
      em.close();
    }
  }
}

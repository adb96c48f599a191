package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A catch-up sweep (the order sweep's and the refund sweep's class) passes an order whose event
 * cannot be published for a reason of its own, publishes the later orders in the same run, and
 * tries the passed one again at the next run; only the database's trouble stops a run, which then
 * goes on from the same place. A real engine on HSQLDB stores the events.
 */
class CatchUpSweepPassesOneOrdersProblemTest {
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
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void oneOrderThatMakesNoEventDoesNotHoldBackTheLaterOnesAndIsTriedAgain() {
    orders.add(1, "1001", 300);
    orders.add(2, "1002", 200);
    orders.add(3, "1003", 100);
    orders.failing("1002", () -> new IllegalStateException("order 1002 has a line without a sku"));

    CatchUpSweep.Run run = sweep.runOnce();
    assertFalse(run.stoppedByFailure, run.toString());
    assertEquals(3, run.examined, run.toString());
    assertEquals(2, run.published, run.toString());
    assertEquals(1, run.passed, run.toString());
    assertTrue(orders.stored("1001"));
    assertFalse(orders.stored("1002"));
    assertTrue(orders.stored("1003"), "the order after the failing one is published in that run");

    // Its cause fixed, the passed order goes at the next run, though the walk is past it.
    orders.healed("1002");
    CatchUpSweep.Run next = sweep.runOnce();
    assertEquals(1, next.published, next.toString());
    assertEquals(0, next.examined, "the walk does not look at them again: " + next);
    assertTrue(orders.stored("1002"));
    assertEquals(0, sweep.runOnce().published, "once");
  }

  @Test
  void theDatabasesTroubleStopsTheRunAndTheNextGoesOnFromThere() {
    orders.add(1, "2001", 300);
    orders.add(2, "2002", 200);
    orders.add(3, "2003", 100);
    orders.failing("2002", () -> new PersistenceException("connection refused"));

    CatchUpSweep.Run run = sweep.runOnce();
    assertTrue(run.stoppedByFailure, run.toString());
    assertTrue(orders.stored("2001"));
    assertFalse(orders.stored("2003"), "every next order would meet the same trouble");

    orders.healed("2002");
    CatchUpSweep.Run next = sweep.runOnce();
    assertFalse(next.stoppedByFailure, next.toString());
    assertEquals(2, next.examined, "from the order it stopped at: " + next);
    assertEquals(2, next.published, next.toString());
    assertTrue(orders.stored("2002"));
    assertTrue(orders.stored("2003"));
  }
}

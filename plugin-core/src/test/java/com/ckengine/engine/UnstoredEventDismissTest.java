package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.EventNotStoredException;
import java.util.Collections;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link UnstoredEvents#dismiss}: the operator forgets an event that will never be stored (its
 * order was deleted); it leaves the list and the sweeps' retries, and only that one.
 */
class UnstoredEventDismissTest {
  EntityManagerFactory emf;
  IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    engine = OfflineEngine.builder(emf).build();
    TestDatabases.execute(
        emf,
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW WHEN (N.REFERENCE IN ('1001', '1002')) "
            + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void aDismissedEventLeavesTheListAndTheRetries() {
    for (String order : new String[] {"1001", "1002"}) {
      assertThrows(
          EventNotStoredException.class,
          () -> engine.publisher().publish(DeliveryTestBase.purchase(order, "a@b.co", 7)));
    }
    assertEquals(2, engine.unstoredEvents().list().size());

    assertTrue(engine.unstoredEvents().dismiss("order:1001:purchased"));
    assertEquals(1, engine.unstoredEvents().list().size(), "only that one");
    assertEquals("order:1002:purchased", engine.unstoredEvents().list().get(0).eventKey());
    assertEquals(
        1,
        engine
            .unstoredEvents()
            .toRetry(Collections.singleton(com.ckengine.api.Trigger.PRODUCT_PURCHASED), 10)
            .size());
    assertFalse(engine.unstoredEvents().dismiss("order:1001:purchased"), "not waiting any more");
  }
}

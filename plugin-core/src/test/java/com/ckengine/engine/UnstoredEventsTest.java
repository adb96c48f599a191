package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.PublishResult;
import com.ckengine.api.Trigger;
import java.util.Collections;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event the database refuses is written down for the operator and does not hold up the next one:
 * publish says so ({@link EventNotStoredException#isRecorded()}), the failure is listed with the
 * database's reason, first and last try and attempts, a Retry puts it first in line for the host,
 * and once the cause is gone publishing it again stores it once and clears the failure. The refusal
 * is real: a database trigger that refuses one order's event.
 */
class UnstoredEventsTest {
  EntityManagerFactory emf;
  IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    engine = OfflineEngine.builder(emf).build();
    PurchaseRules.addTag(engine, OfflineEngine.insertIntegration(emf), "buyer");
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void aRefusedEventIsRecordedAndDoesNotHoldUpTheNext() {
    sql(
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW WHEN (N.REFERENCE = '1001') "
            + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");

    EventNotStoredException refused =
        assertThrows(EventNotStoredException.class, () -> publish("1001"));
    assertTrue(refused.isRecorded(), refused.getMessage());
    assertEquals("order:1001:purchased", refused.eventKey());
    assertTrue(refused.reason().contains("refused for the test"), refused.reason());

    assertTrue(publish("1002").isAccepted(), "the next order's event is stored");
    assertThrows(EventNotStoredException.class, () -> publish("1001"));

    List<UnstoredEvent> waiting = engine.unstoredEvents().list();
    assertEquals(1, waiting.size(), waiting.toString());
    UnstoredEvent u = waiting.get(0);
    assertEquals("order:1001:purchased", u.eventKey());
    assertEquals(Trigger.PRODUCT_PURCHASED, u.trigger());
    assertEquals("1001", u.reference());
    assertEquals(2, u.attempts());
    assertTrue(u.reason().contains("refused for the test"), u.reason());
    assertFalse(u.lastTriedAt().isBefore(u.firstTriedAt()));
    assertNull(u.retryRequestedAt());

    assertTrue(engine.unstoredEvents().requestRetry("order:1001:purchased"));
    List<UnstoredEvent> toRetry =
        engine.unstoredEvents().toRetry(Collections.singleton(Trigger.PRODUCT_PURCHASED), 10);
    assertEquals(1, toRetry.size());
    assertNotNull(toRetry.get(0).retryRequestedAt(), "the operator's Retry is shown");
    assertTrue(
        engine
            .unstoredEvents()
            .toRetry(Collections.singleton(Trigger.PRODUCT_REFUNDED), 10)
            .isEmpty());

    sql("DROP TRIGGER CK_TEST_REFUSE");
    PublishResult stored = publish("1001");
    assertTrue(stored.isAccepted(), "stored once the cause is gone");
    assertEquals(1, stored.plannedActions());
    assertTrue(engine.unstoredEvents().list().isEmpty(), "no longer waiting");
    assertEquals(PublishResult.Status.DUPLICATE, publish("1001").status(), "and only once");
    assertEquals(
        1, engine.log().search(LogQuery.builder().reference("1001").build()).entries().size());
    assertFalse(engine.unstoredEvents().requestRetry("order:1001:purchased"));
  }

  @Test
  void whenEvenTheFailureCannotBeRecordedThePublisherSaysSo() {
    sql("ALTER TABLE CK_EVENT RENAME TO CK_EVENT_AWAY");
    sql("ALTER TABLE CK_UNSTORED_EVENT RENAME TO CK_UNSTORED_EVENT_AWAY");
    EventNotStoredException e = assertThrows(EventNotStoredException.class, () -> publish("2001"));
    assertFalse(e.isRecorded(), "the host must stop and try again from the same place");
  }

  private PublishResult publish(String order) {
    return engine.publisher().publish(DeliveryTestBase.purchase(order, "ann@example.com", 7));
  }

  private void sql(String statement) {
    TestDatabases.execute(emf, statement);
  }
}

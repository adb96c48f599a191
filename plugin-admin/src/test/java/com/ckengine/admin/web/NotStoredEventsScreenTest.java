package com.ckengine.admin.web;

import static com.ckengine.admin.web.Controllers.notStoredRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.NotStoredRow;
import com.ckengine.admin.screens.SweepSchedule;
import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.Trigger;
import com.ckengine.engine.UnstoredEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * An event the database refused is shown to the operator: listed on the Logs tab with the
 * database's reason, counted on Integration Setup, and its Retry asks the sweep to publish it first
 * at its next run (saying when that is). Only users who may change things can ask. The refusal is
 * real: a database trigger that refuses one order's event.
 */
class NotStoredEventsScreenTest {
  static final String KEY_1001 = "order:1001:purchased";

  TestEngine t;
  Access access = Access.WRITE;
  IntegrationsController integrations;
  LogsController logs;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    integrations = Controllers.integrations(t.engine, () -> access);
    logs = Controllers.logs(t.engine, () -> access);
    SweepSchedule sweeps = new SweepSchedule();
    sweeps.setOrderSweepSeconds(45);
    logs.setSweeps(sweeps);
    t.sql(
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW WHEN (N.REFERENCE IN ('1001', 'sub-7')) "
            + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused <b>for the test</b>'");
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void theLogsTabListsTheRefusedEventWithTheDatabasesReason() {
    assertThrows(EventNotStoredException.class, () -> purchase("1001"));
    purchase("1002");

    List<NotStoredRow> rows = notStoredRows(logs);
    assertEquals(1, rows.size(), "only the refused event; the later one was stored");
    NotStoredRow row = rows.get(0);
    assertEquals(KEY_1001, row.getEventKey());
    assertEquals("Product Purchased", row.getTrigger());
    assertEquals("1001", row.getReference());
    assertTrue(row.getReason().contains("refused <b>for the test</b>"), row.getReason());
    assertEquals(1, row.getAttempts());
    assertNotNull(row.getFirstTry());
    assertEquals(row.getFirstTry(), row.getLastTry());
    assertFalse(row.isRetryRequested());
    assertTrue(row.isRetryable());
    assertTrue(row.getNextTry().contains("order sweep"), row.getNextTry());

    ExtendedModelMap setup = new ExtendedModelMap();
    integrations.list(setup);
    assertEquals(1, setup.get("notStoredCount"), "Integration Setup warns");
  }

  @Test
  void retryAsksTheSweepAndSaysWhen() {
    assertThrows(EventNotStoredException.class, () -> purchase("1001"));

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    assertEquals(LogsController.LIST, logs.retryNotStored(KEY_1001, flash));
    String notice = (String) flash.getFlashAttributes().get("ckNotice");
    assertNotNull(notice, String.valueOf(flash.getFlashAttributes()));
    assertTrue(notice.contains("order sweep's next run, within 45 seconds"), notice);

    UnstoredEvent waiting = t.engine.unstoredEvents().list().get(0);
    assertNotNull(waiting.retryRequestedAt(), "the engine has the request");
    NotStoredRow row = notStoredRows(logs).get(0);
    assertTrue(row.isRetryRequested(), "and the page shows it");
    assertNotNull(row.getRetryRequestedAt());
  }

  @Test
  void aReaderSeesTheEventButCannotRetryIt() {
    assertThrows(EventNotStoredException.class, () -> purchase("1001"));
    access = Access.READ;
    assertEquals(1, notStoredRows(logs).size());
    assertThrows(
        NoAccessException.class,
        () -> logs.retryNotStored(KEY_1001, new RedirectAttributesModelMap()));
    assertNull(t.engine.unstoredEvents().list().get(0).retryRequestedAt(), "nothing asked");
  }

  @Test
  void retryOfAnEventNoLongerWaitingOrThatNoSweepTakesUpSaysWhy() {
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    logs.retryNotStored("order:999:purchased", flash);
    assertTrue(
        ((String) flash.getFlashAttributes().get("ckError")).contains("no longer waiting"),
        String.valueOf(flash.getFlashAttributes()));

    assertThrows(EventNotStoredException.class, () -> subscriptionCharged("sub-7"));
    NotStoredRow row = notStoredRows(logs).get(0);
    assertFalse(row.isRetryable(), "no button: no sweep publishes it again");
    assertTrue(row.getNextTry().contains("must report it once more"), row.getNextTry());
    RedirectAttributesModelMap refused = new RedirectAttributesModelMap();
    logs.retryNotStored(row.getEventKey(), refused);
    assertTrue(
        ((String) refused.getFlashAttributes().get("ckError")).contains("No sweep publishes"),
        String.valueOf(refused.getFlashAttributes()));
    assertNull(t.engine.unstoredEvents().list().get(0).retryRequestedAt());
  }

  private void purchase(String order) {
    t.engine.publisher().publish(TestEvents.purchase("ann@example.com", order));
  }

  private void subscriptionCharged(String subscription) {
    t.engine
        .publisher()
        .publish(
            TestEvents.ofTheCourse(
                Trigger.SUBSCRIPTION_CHARGED,
                "ann@example.com",
                subscription,
                "subscription:" + subscription + ":charged:1"));
  }
}

package com.ckengine.admin.web;

import static com.ckengine.admin.web.Controllers.notStoredRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.NotStoredRow;
import com.ckengine.api.EventNotStoredException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * An event that could not be stored, whose order was deleted since, can be dismissed: no retry can
 * store it. An event whose order still exists cannot be dismissed (it can still be stored), and
 * only users who may change things can dismiss.
 */
class NotStoredDismissTest {
  static final String KEY = "order:1001:purchased";

  TestEngine t;
  Access access = Access.WRITE;
  final Set<String> orders = new HashSet<String>();
  LogsController logs;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    logs = Controllers.logs(t.engine, () -> access);
    logs.setOrders(orders::contains);
    t.sql(
        "CREATE TRIGGER CK_TEST_REFUSE BEFORE INSERT ON CK_EVENT REFERENCING NEW ROW AS N "
            + "FOR EACH ROW WHEN (N.REFERENCE = '1001') "
            + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
    orders.add("1001");
    assertThrows(
        EventNotStoredException.class,
        () -> t.engine.publisher().publish(TestEvents.purchase("ann@example.com", "1001")));
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void anEventWhoseOrderStillExistsCannotBeDismissed() {
    NotStoredRow row = notStoredRows(logs).get(0);
    assertFalse(row.isOrderGone());
    assertTrue(row.isRetryable());

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    logs.dismissNotStored(KEY, flash);
    assertTrue(
        String.valueOf(flash.getFlashAttributes().get("ckError")).contains("still exists"),
        String.valueOf(flash.getFlashAttributes()));
    assertEquals(1, t.engine.unstoredEvents().list().size(), "still waiting");
  }

  @Test
  void anEventOfADeletedOrderIsDismissedAndNotRetried() {
    orders.remove("1001");
    NotStoredRow row = notStoredRows(logs).get(0);
    assertTrue(row.isOrderGone());
    assertFalse(row.isRetryable(), "no Retry: nothing left to read");
    assertTrue(row.getNextTry().contains("no longer exists"), row.getNextTry());

    access = Access.READ;
    assertThrows(
        NoAccessException.class,
        () -> logs.dismissNotStored(KEY, new RedirectAttributesModelMap()));
    assertEquals(1, t.engine.unstoredEvents().list().size(), "a reader dismisses nothing");

    access = Access.WRITE;
    RedirectAttributesModelMap retry = new RedirectAttributesModelMap();
    logs.retryNotStored(KEY, retry);
    assertTrue(
        String.valueOf(retry.getFlashAttributes().get("ckError")).contains("no longer exists"));

    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    assertEquals(LogsController.LIST, logs.dismissNotStored(KEY, flash));
    assertTrue(
        String.valueOf(flash.getFlashAttributes().get("ckNotice")).contains("Dismissed"),
        String.valueOf(flash.getFlashAttributes()));
    assertTrue(notStoredRows(logs).isEmpty(), "gone from the list");
    assertTrue(t.engine.unstoredEvents().list().isEmpty());
  }
}

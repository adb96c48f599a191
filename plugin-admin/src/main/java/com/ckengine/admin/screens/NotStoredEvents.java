package com.ckengine.admin.screens;

import com.ckengine.admin.order.StoreOrders;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.UnstoredEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The events the database refused to store ({@code CK_UNSTORED_EVENT}), for the Logs tab's "Not
 * stored" section and the warning on Integration Setup, and their Retry: it asks the host's sweep
 * to publish the event again first at its next run (the engine cannot rebuild the event itself; the
 * sweep reads the order or refund anew).
 */
public final class NotStoredEvents {
  private static final Log LOG = LogFactory.getLog(NotStoredEvents.class);

  private final IntegrationEngine engine;
  private final SweepSchedule sweeps;
  private final StoreOrders orders;

  public NotStoredEvents(IntegrationEngine engine, SweepSchedule sweeps, StoreOrders orders) {
    this.engine = engine;
    this.sweeps = sweeps;
    this.orders = orders;
  }

  /** Every event waiting, most recently tried first. */
  public List<NotStoredRow> rows() {
    List<NotStoredRow> out = new ArrayList<NotStoredRow>();
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      out.add(new NotStoredRow(u, sweeps.nextTry(u.trigger()), orderGone(u)));
    }
    return out;
  }

  /**
   * The operator's Retry of one event.
   *
   * @return the notice saying when it is tried, or the reason there is nothing to retry
   */
  public Result<String> retry(String eventKey) {
    UnstoredEvent u = find(eventKey);
    if (u == null) {
      return Result.failed(
          FieldErrors.GLOBAL,
          "That event is no longer waiting: it was stored (see the log entries of its order) or"
              + " dismissed meanwhile");
    }
    if (orderGone(u)) {
      return Result.failed(
          FieldErrors.GLOBAL,
          "Order "
              + u.reference()
              + " no longer exists, so no retry can store its event; dismiss it");
    }
    String when = sweeps.nextTry(u.trigger());
    if (when == null) {
      return Result.failed(
          FieldErrors.GLOBAL,
          "No sweep publishes "
              + u.trigger().displayName()
              + " events again; the host that reported "
              + u.reference()
              + " has to report it once more");
    }
    if (!engine.unstoredEvents().requestRetry(u.eventKey())) {
      return Result.failed(
          FieldErrors.GLOBAL, "That event was stored meanwhile; it is no longer waiting");
    }
    LOG.info("retry requested for the event " + u.eventKey() + " that could not be stored");
    return Result.ok(
        u.trigger().displayName()
            + " of "
            + u.reference()
            + " will be tried again "
            + when
            + ". If the database still refuses it, it stays listed here with the new reason.");
  }

  /**
   * The operator's Dismiss, only for an event whose order no longer exists: anything else can still
   * be stored and stays listed.
   *
   * @return the notice, or the reason it was not dismissed
   */
  public Result<String> dismiss(String eventKey) {
    UnstoredEvent u = find(eventKey);
    if (u == null) {
      return Result.failed(FieldErrors.GLOBAL, "That event is no longer waiting");
    }
    if (!orderGone(u)) {
      return Result.failed(
          FieldErrors.GLOBAL,
          "Order "
              + u.reference()
              + " still exists, so its event can still be stored: fix the cause and choose Retry");
    }
    if (!engine.unstoredEvents().dismiss(u.eventKey())) {
      return Result.failed(FieldErrors.GLOBAL, "That event is no longer waiting");
    }
    return Result.ok(
        "Dismissed the "
            + u.trigger().displayName()
            + " event of the deleted order "
            + u.reference()
            + "; it will not be tried again");
  }

  /** True for an event of an order (a purchase or refund) whose order no longer exists. */
  private boolean orderGone(UnstoredEvent u) {
    return sweeps.retries(u.trigger()) && !orders.exists(u.reference());
  }

  private UnstoredEvent find(String eventKey) {
    if (eventKey == null) return null;
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      if (u.eventKey().equals(eventKey)) return u;
    }
    return null;
  }
}

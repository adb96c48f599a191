package com.ckengine.admin.screens;

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

  public NotStoredEvents(IntegrationEngine engine, SweepSchedule sweeps) {
    this.engine = engine;
    this.sweeps = sweeps;
  }

  /** Every event waiting, most recently tried first. */
  public List<NotStoredRow> rows() {
    List<NotStoredRow> out = new ArrayList<NotStoredRow>();
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      out.add(new NotStoredRow(u, sweeps.nextTry(u.trigger())));
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
          "That event is no longer waiting: it was stored meanwhile (see the log entries of its"
              + " order)");
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

  private UnstoredEvent find(String eventKey) {
    if (eventKey == null) return null;
    for (UnstoredEvent u : engine.unstoredEvents().list()) {
      if (u.eventKey().equals(eventKey)) return u;
    }
    return null;
  }
}

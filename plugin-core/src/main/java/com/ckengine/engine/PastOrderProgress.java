package com.ckengine.engine;

import com.ckengine.engine.store.PastOrderRunEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a past-orders run stands, for the page's progress bar: orders done of the total (done: read
 * and every action it planned finished), what was skipped and why, the actions by status, and the
 * time left at the account's limit.
 */
public final class PastOrderProgress {
  private final long runId;
  private final long integrationId;
  private final PastOrderRunStatus status;
  private final Instant from;
  private final Instant to;
  private final RuleChoice choice;
  private final Long choiceId;
  private final boolean excludeRefunded;
  private final boolean excludeTest;
  private final long total;
  private final long fed;
  private final long done;
  private final long sent;
  private final long skippedLive;
  private final long skippedEarlier;
  private final long unusable;
  private final long plannedActions;
  private final Map<ActionStatus, Long> actionsByStatus;
  private final Duration timeLeft;
  private final String message;
  private final Instant createdAt;
  private final Instant finishedAt;

  PastOrderProgress(
      PastOrderRunEntity r,
      long ordersInFlight,
      long openActions,
      Map<ActionStatus, Long> actionsByStatus) {
    this.runId = r.getId();
    this.integrationId = r.getIntegrationId();
    this.status = r.getStatus();
    this.from = Instant.ofEpochMilli(r.getFromAt());
    this.to = Instant.ofEpochMilli(r.getToAt());
    this.choice = r.getChoice();
    this.choiceId = r.getChoiceId();
    this.excludeRefunded = r.isExcludeRefunded();
    this.excludeTest = r.isExcludeTest();
    this.total = Math.max(r.getTotalOrders(), r.getFedOrders());
    this.fed = r.getFedOrders();
    this.done = Math.max(0, r.getFedOrders() - ordersInFlight);
    this.sent = r.getSentOrders();
    this.skippedLive = r.getLiveSkipped();
    this.skippedEarlier = r.getEarlierSkipped();
    this.unusable = r.getUnusableOrders();
    this.plannedActions = r.getPlannedActions();
    Map<ActionStatus, Long> m = new EnumMap<ActionStatus, Long>(ActionStatus.class);
    m.putAll(actionsByStatus);
    this.actionsByStatus = Collections.unmodifiableMap(m);
    this.timeLeft = status.isActive() ? timeLeft(r, openActions) : Duration.ZERO;
    this.message = r.getMessage();
    this.createdAt = Instant.ofEpochMilli(r.getCreatedAt());
    this.finishedAt = r.getFinishedAt() == null ? null : Instant.ofEpochMilli(r.getFinishedAt());
  }

  /**
   * The actions still to send (those in the outbox, and the orders not read yet at the rate of
   * actions per order seen so far, or the preview's before any) at the integration's calls per
   * window.
   */
  private static Duration timeLeft(PastOrderRunEntity r, long openActions) {
    double perOrder =
        r.getFedOrders() > 0
            ? (double) r.getPlannedActions() / r.getFedOrders()
            : r.getTotalOrders() > 0 ? (double) r.getExpectedActions() / r.getTotalOrders() : 0;
    long unread = Math.max(0, r.getTotalOrders() - r.getFedOrders());
    double remaining = openActions + unread * perOrder;
    if (r.getCallsPerWindow() <= 0) return Duration.ZERO;
    return Duration.ofMillis(
        (long) Math.ceil(remaining / r.getCallsPerWindow() * r.getWindowMillis()));
  }

  public long runId() {
    return runId;
  }

  public long integrationId() {
    return integrationId;
  }

  public PastOrderRunStatus status() {
    return status;
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  public RuleChoice choice() {
    return choice;
  }

  public Long choiceId() {
    return choiceId;
  }

  public boolean excludeRefunded() {
    return excludeRefunded;
  }

  public boolean excludeTest() {
    return excludeTest;
  }

  /** Orders of the selection (counted at start; the orders read, once all are). */
  public long total() {
    return total;
  }

  /** Orders read from the store so far. */
  public long fed() {
    return fed;
  }

  /** Orders read whose actions all finished (delivered, failed, skipped, cancelled). */
  public long done() {
    return done;
  }

  /** Orders for which the run planned at least one action. */
  public long sent() {
    return sent;
  }

  /** Orders skipped because their live event had planned every chosen action. */
  public long skippedLive() {
    return skippedLive;
  }

  /** Orders skipped because an earlier run (or, in part, the live event) had planned them. */
  public long skippedEarlier() {
    return skippedEarlier;
  }

  /** Orders no event could be made of (no email, no lines). */
  public long unusable() {
    return unusable;
  }

  public long plannedActions() {
    return plannedActions;
  }

  public Map<ActionStatus, Long> actionsByStatus() {
    return actionsByStatus;
  }

  /** About how long the run still takes at the account's limit; zero once it ended. */
  public Duration timeLeft() {
    return timeLeft;
  }

  /** Percent of the total done, 0 to 100. */
  public int percent() {
    if (total == 0) return status == PastOrderRunStatus.DONE ? 100 : 0;
    return (int) Math.min(100, done * 100 / total);
  }

  public String message() {
    return message;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  @Override
  public String toString() {
    return "run "
        + runId
        + " "
        + status
        + " "
        + done
        + "/"
        + total
        + " (read "
        + fed
        + ", sent "
        + sent
        + ", live "
        + skippedLive
        + ", earlier "
        + skippedEarlier
        + ", unusable "
        + unusable
        + ", actions "
        + actionsByStatus
        + ", left "
        + timeLeft
        + ")";
  }
}

package com.ckengine.engine;

import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.rules.RuleIndex;
import java.time.Clock;

/**
 * What an operator does to the integration log: send a FAILED action again (Retry), send a purchase
 * in doubt without a look-up (Send anyway), run retention now. Reading the log is {@link
 * IntegrationLog}'s; every change of an action row is the {@link ActionStore}'s.
 */
public final class LogActions {
  private final ActionStore store;
  private final RuleService rules;
  private final Clock clock;
  private final Runnable onRetry;
  private final LogRetention retention;

  /**
   * @param onRetry wakes delivery: an action made due now goes at once, not at the next poll
   */
  LogActions(
      ActionStore store, RuleService rules, Clock clock, Runnable onRetry, LogRetention retention) {
    this.store = store;
    this.rules = rules;
    this.clock = clock;
    this.onRetry = onRetry;
    this.retention = retention;
  }

  /**
   * Sends a FAILED action again: it becomes PENDING, due now, with a fresh retry horizon. A tag
   * action goes with the tags today's rules plan for its event (a rule fixed since is used; a rule
   * disabled since leaves the tags as planned). A purchase in doubt is still looked up in Kit
   * before it is sent.
   *
   * @return false when the action does not exist or is not FAILED
   */
  public boolean retry(long actionId) {
    // Today's rules, read before the retry's transaction: a tag action is sent with its tags now.
    RuleIndex today = rules.index();
    boolean retried =
        store.retryFailed(actionId, clock.millis(), event -> RuleEvaluator.plan(today, event));
    if (retried) onRetry.run();
    return retried;
  }

  /**
   * Sends a FAILED purchase in doubt ({@link LogEntry#canSendAnyway}) without looking it up in Kit
   * again: for the operator who checked Kit and did not find it. It becomes PENDING, due now, with
   * a fresh retry horizon; a purchase record of its transaction still stops a second send.
   *
   * @return false when the action does not exist or is not a FAILED purchase in doubt
   */
  public boolean sendAnyway(long actionId) {
    boolean queued = store.sendAnyway(actionId, clock.millis());
    if (queued) onRetry.run();
    return queued;
  }

  /**
   * Runs retention now (it runs on the engine's housekeeping thread every hour): deletes events
   * older than the retention age with their actions, {@code 1000} per transaction; events with an
   * action still to deliver, FAILED or in doubt are kept.
   *
   * @return the number of events deleted
   */
  public int purge() {
    return retention.run().deleted;
  }
}

package com.ckengine.engine;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The engine's own scheduled thread for work that must not delay delivery: keeping the rule index
 * fresh (so rule changes made on other nodes are seen, and a publish seldom pays for the check),
 * and retention of the log and of old purchase records. Nothing thrown here stops it.
 */
final class Housekeeping {
  private static final Log LOG = LogFactory.getLog(Housekeeping.class);

  private final RuleService rules;
  private final ActionStore store;
  private final Clock clock;
  private final long ruleRefreshMillis;
  private final long retentionEveryMillis;
  private final LogRetention log;
  private final long purchaseRecordMillis;
  private ScheduledExecutorService executor;

  Housekeeping(
      RuleService rules,
      ActionStore store,
      Clock clock,
      long ruleRefreshMillis,
      long retentionEveryMillis,
      LogRetention log,
      long purchaseRecordMillis) {
    this.rules = rules;
    this.store = store;
    this.clock = clock;
    this.ruleRefreshMillis = ruleRefreshMillis;
    this.retentionEveryMillis = retentionEveryMillis;
    this.log = log;
    this.purchaseRecordMillis = purchaseRecordMillis;
  }

  synchronized void start() {
    if (executor != null) return;
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ckengine-housekeeping");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::refreshRules, 0, Math.max(ruleRefreshMillis, 100), TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        this::retention, retentionEveryMillis, retentionEveryMillis, TimeUnit.MILLISECONDS);
  }

  synchronized void stop() {
    if (executor == null) return;
    executor.shutdownNow();
    executor = null;
  }

  void refreshRules() {
    try {
      rules.index();
    } catch (Throwable t) {
      LOG.warn("refreshing the rule index failed; retrying at the next interval", t);
    }
  }

  /** Deletes old log events (keeping what waits on delivery or the operator) and old records. */
  void retention() {
    try {
      LogRetention.Run r = log.run();
      if (r.deleted > 0) {
        LOG.info(
            "retention: deleted " + r.deleted + " old events from the integration log (" + r + ")");
      }
      int p = store.prunePurchaseRecords(clock.millis() - purchaseRecordMillis, 1000);
      if (p > 0) LOG.info("retention: deleted " + p + " purchase records older than the limit");
    } catch (Throwable t) {
      LOG.warn("retention failed; retrying at the next interval", t);
    }
  }
}

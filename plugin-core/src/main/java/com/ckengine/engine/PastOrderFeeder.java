package com.ckengine.engine;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.past.PastOrder;
import com.ckengine.api.past.PastOrderQuery;
import com.ckengine.api.past.PastOrderSource;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.rules.RuleIndex;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PastOrderRunEntity;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Feeds running past-orders runs to the outbox, on its own thread of a delivering node: every tick,
 * for each run this node owns (or takes over: the owner's heartbeat ran out), it tops the run's
 * open actions up to {@link #backlog half a window} of the integration's calls, reading the next
 * orders after the run's cursor and storing their actions with the new cursor in one transaction.
 * So a live checkout's actions wait behind at most half a window of past orders and are sent within
 * one window, and a restart resumes after the last order stored. A run whose orders were all read
 * ends DONE once its actions finished. Nothing thrown here stops the thread.
 */
final class PastOrderFeeder {
  private static final Log LOG = LogFactory.getLog(PastOrderFeeder.class);

  /** Most orders read from the host at once. */
  static final int MAX_PAGE = 100;

  private final Jpa jpa;
  private final PastOrderSource source;
  private final RuleService rules;
  private final Clock clock;
  private final String owner;
  private final long heartbeatMillis;
  private final long tickMillis;
  private final Runnable wakeDelivery;
  private ScheduledExecutorService executor;

  PastOrderFeeder(
      Jpa jpa,
      PastOrderSource source,
      RuleService rules,
      Clock clock,
      String owner,
      long heartbeatMillis,
      long tickMillis,
      Runnable wakeDelivery) {
    this.jpa = jpa;
    this.source = source;
    this.rules = rules;
    this.clock = clock;
    this.owner = owner;
    this.heartbeatMillis = heartbeatMillis;
    this.tickMillis = tickMillis;
    this.wakeDelivery = wakeDelivery;
  }

  synchronized void start() {
    if (executor != null || source == null) return;
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ckengine-past-orders");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Stops feeding and hands this node's runs back, so the next node need not wait. */
  synchronized void stop() {
    if (executor == null) return;
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor = null;
    try {
      jpa.tx(em -> PastOrderRuns.release(em, owner));
    } catch (RuntimeException e) {
      LOG.warn(
          "could not hand past-orders runs back; another node takes them after a heartbeat", e);
    }
  }

  /** Wakes the feeder now (a run was started or resumed). */
  synchronized void wake() {
    if (executor != null) executor.execute(this::tick);
  }

  void tick() {
    try {
      for (Long id : jpa.tx(PastOrderRuns::runningIds)) feed(id);
    } catch (Throwable t) {
      LOG.warn("feeding past orders failed; trying again at the next tick", t);
    }
  }

  /** One top-up of one run; package-private for tests. */
  void feed(long runId) {
    long now = clock.millis();
    PastOrderRunEntity run =
        jpa.tx(
            em -> {
              if (!PastOrderRuns.own(em, runId, owner, now, now + heartbeatMillis)) return null;
              return em.find(PastOrderRunEntity.class, runId);
            });
    if (run == null) return;
    long open = jpa.tx(em -> ActionStore.openActionsOfRun(em, runId));
    if (run.isFeedComplete()) {
      if (open == 0) jpa.tx(em -> PastOrderRuns.finishDone(em, runId, clock.millis()));
      return;
    }
    List<RuleDefinition> applying =
        PastOrderSelection.stillApplying(
            PastOrderSelection.parseIds(run.getRuleIds()), run.getIntegrationId(), rules);
    if (applying.isEmpty()) {
      jpa.tx(
          em ->
              PastOrderRuns.cancel(
                  em,
                  runId,
                  clock.millis(),
                  "its rules were deleted or disabled: nothing more to apply"));
      return;
    }
    int perOrder = Math.max(1, PastOrderSelection.kindsOf(applying).size());
    long room = backlog(run.getCallsPerWindow(), perOrder) - open;
    if (room < perOrder) return;
    int max = (int) Math.min(MAX_PAGE, room / perOrder);
    List<PastOrder> page;
    try {
      page = source.page(queryOf(run), run.getCursorPosition(), max);
    } catch (RuntimeException e) {
      String why =
          "reading the store's orders failed (" + e.getClass().getSimpleName() + "); trying again";
      jpa.tx(
          em -> {
            PastOrderRuns.note(em, runId, why);
            return null;
          });
      LOG.warn("past-orders run " + runId + ": " + why, e);
      return;
    }
    RuleIndex index = RuleIndex.of(applying, 0);
    PastOrderRuns.Page tally = new PastOrderRuns.Page();
    tally.complete = page.size() < max;
    tally.position =
        page.isEmpty() ? run.getCursorPosition() : page.get(page.size() - 1).position();
    tally.fed = page.size();
    tally.total = tally.complete ? run.getFedOrders() + page.size() : run.getTotalOrders();
    boolean stored;
    try {
      stored =
          jpa.tx(
              em -> {
                // Counted afresh each time: the unit may be run again after a rollback.
                tally.sent = tally.live = tally.earlier = tally.unusable = tally.planned = 0;
                long at = clock.millis();
                if (!PastOrderRuns.own(em, runId, owner, at, at + heartbeatMillis)) return false;
                for (PastOrder o : page) {
                  if (o.event() == null) {
                    tally.unusable++;
                    continue;
                  }
                  List<PlannedAction> plan = RuleEvaluator.plan(index, o.event());
                  ActionStore.PastOrderOutcome out =
                      ActionStore.storePastOrder(em, o.event(), plan, runId, at);
                  tally.planned += out.planned;
                  if (out.planned > 0) tally.sent++;
                  else if (out.skippedEarlier > 0) tally.earlier++;
                  else if (out.skippedLive > 0) tally.live++;
                }
                if (!PastOrderRuns.advance(em, runId, owner, tally)) {
                  // Paused or cancelled meanwhile: store nothing of this page.
                  throw new RunMoved();
                }
                return true;
              });
    } catch (RunMoved e) {
      return;
    }
    if (stored && tally.planned > 0) wakeDelivery.run();
  }

  /**
   * How many of a run's actions may be open at once: half a window of calls (at least one order's
   * actions). Delivery sends in planned order, so a live action published now waits behind at most
   * these; the rolling window frees a whole window of slots within the next window, so with fewer
   * than a window ahead the live action goes within one window. A full window ahead made it wait
   * for the window after (71 to 103 s at Kit's 60 s). Half a window still keeps delivery fed: at
   * the account's pace it lasts half a window, and the feeder tops it up every tick (1 s); an
   * unused slot of the rolling window is not lost, only taken a tick later.
   */
  static long backlog(int callsPerWindow, int actionsPerOrder) {
    return Math.max(actionsPerOrder, (callsPerWindow + 1) / 2);
  }

  static PastOrderQuery queryOf(PastOrderRunEntity r) {
    Set<Long> products = new HashSet<Long>(PastOrderSelection.parseIds(r.getProductIds()));
    return new PastOrderQuery(
        Instant.ofEpochMilli(r.getFromAt()),
        Instant.ofEpochMilli(r.getToAt()),
        products,
        r.isExcludeRefunded(),
        r.isExcludeTest());
  }

  /** The run was paused or cancelled while a page was being stored: the page is rolled back. */
  static final class RunMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunMoved() {
      super("the run changed while a page was stored", null, false, false);
    }
  }
}

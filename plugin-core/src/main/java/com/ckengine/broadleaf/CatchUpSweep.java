package com.ckengine.broadleaf;

import com.ckengine.api.EventNotStoredException;
import com.ckengine.engine.CatchUpWindow;
import com.ckengine.engine.UnstoredEvent;
import com.ckengine.engine.UnstoredEvents;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The catch-up sweep: publishes what the host's live publish missed (the process died between a
 * commit and its publish, the engine's tables were unavailable, the queue was full). One class for
 * orders and refunds; a {@link CatchUpSource} says what differs. Runs on its own {@link HookThread}
 * {@code startDelaySeconds} after start, then every {@code intervalSeconds}.
 *
 * <p>A run, in this order:
 *
 * <ol>
 *   <li>the source's events the database refused ({@link UnstoredEvents}): the operator's Retry
 *       first, then the ones tried longest ago, at most {@code maxRetriesPerRun}. Each try that
 *       does not store the event is recorded as one ({@link UnstoredEvents#tried}), so it goes
 *       behind the others and a few that can never be stored (their order deleted) do not take
 *       every run's turns;
 *   <li>the candidates passed at earlier runs of this process, and those the source's live publish
 *       handed over, at most {@code maxRetriesPerRun}, oldest first;
 *   <li>the walk: candidates in (time, id) order from a watermark with keyset paging, at most
 *       {@code maxPerRun}. The watermark starts {@code lookbackHours} ({@link CatchUpWindow}) back
 *       at each start and moves past a candidate once it is handled: its event stored, its refusal
 *       recorded for the operator, or it passed. Candidates newer than {@code graceSeconds} are
 *       left to the live publish (and to commits still under way).
 * </ol>
 *
 * <p><b>One candidate's problem holds back no other.</b> An event the database refuses is recorded
 * by the engine and passed; any other failure of one candidate (its data makes no event, it cannot
 * be read) is logged at WARN with its label and passed, and tried again at the next runs. Only the
 * database's trouble ({@link DatabaseTrouble}, or a refusal that could not even be recorded) stops
 * the run: every next candidate would meet it too, and the next run starts from the same place.
 */
public class CatchUpSweep implements DisposableBean {
  private static final Log LOG = LogFactory.getLog(CatchUpSweep.class);

  /** Candidates passed and waiting for a next try, at most; beyond, a restart's walk finds them. */
  static final int MAX_PASSED = 10000;

  private CatchUpSource source;
  private UnstoredEvents unstored;
  private long startDelaySeconds = 20;
  private long intervalSeconds = 60;
  private long lookbackHours = CatchUpWindow.DEFAULT_LOOKBACK.toHours();
  private long graceSeconds = 10;
  private int pageSize = 200;
  private int maxPerRun = 2000;
  private int maxRetriesPerRun = 20;
  private boolean ensureIndex = true;

  private Date watermarkTime;
  private long watermarkId;

  /** Candidates passed for a problem of their own, by id, oldest first. */
  private final Map<Long, CatchUpCandidate> passed = new LinkedHashMap<Long, CatchUpCandidate>();

  private HookThread thread;

  public void setSource(CatchUpSource source) {
    this.source = source;
  }

  /** The engine's events that could not be stored: the sweep publishes its source's again. */
  public void setUnstoredEvents(UnstoredEvents unstored) {
    this.unstored = unstored;
  }

  public void setStartDelaySeconds(long s) {
    this.startDelaySeconds = Math.max(0, s);
  }

  public void setIntervalSeconds(long s) {
    this.intervalSeconds = Math.max(1, s);
  }

  /**
   * How far back a run looks after a start ({@code ckengine.sweeps.lookbackHours}; blank keeps
   * {@link CatchUpWindow#DEFAULT_LOOKBACK}). The engine reads the same setting and keeps log events
   * at least this long, so the sweep never republishes an event the log has forgotten.
   */
  public void setLookbackHours(Long h) {
    this.lookbackHours = h == null ? CatchUpWindow.DEFAULT_LOOKBACK.toHours() : Math.max(0, h);
  }

  /** Candidates newer than this are left to the live publish. */
  public void setGraceSeconds(long s) {
    this.graceSeconds = Math.max(0, s);
  }

  public void setPageSize(int n) {
    this.pageSize = Math.max(1, n);
  }

  /** Candidates the walk looks at per run, at most; the next run goes on from there. */
  public void setMaxPerRun(int n) {
    this.maxPerRun = Math.max(1, n);
  }

  /** Unstored events, and passed candidates, tried again per run, at most (each). */
  public void setMaxRetriesPerRun(int n) {
    this.maxRetriesPerRun = Math.max(0, n);
  }

  /** Whether to create the source's index on the host's table at start when it is missing. */
  public void setEnsureIndex(boolean ensure) {
    this.ensureIndex = ensure;
  }

  /** Starts the sweep's thread: the index check at once, the first run after the start delay. */
  public synchronized void start() {
    if (thread != null) return;
    resetWatermark(System.currentTimeMillis());
    thread = new HookThread("ckengine-" + source.name() + "-sweep");
    thread.start();
    if (ensureIndex) {
      thread.schedule(
          () -> {
            try {
              source.ensureIndex();
            } catch (RuntimeException e) {
              LOG.warn("could not check or create the " + source.name() + " sweep's index: " + e);
            }
          },
          0);
    }
    thread.repeat(
        this::runOnce,
        TimeUnit.SECONDS.toMillis(startDelaySeconds),
        TimeUnit.SECONDS.toMillis(intervalSeconds));
    LOG.info(
        source.name()
            + " sweep scheduled: every "
            + intervalSeconds
            + " s, first in "
            + startDelaySeconds
            + " s, looking back "
            + lookbackHours
            + " h");
  }

  /** Stops the sweep's thread (a run under way is interrupted); {@link #start} starts it again. */
  @Override
  public synchronized void destroy() {
    if (thread != null) {
      thread.stop();
      thread = null;
    }
  }

  /** Starts the next walk {@code lookbackHours} before {@code nowMillis}. */
  public synchronized void resetWatermark(long nowMillis) {
    watermarkTime = new Date(nowMillis - TimeUnit.HOURS.toMillis(lookbackHours));
    watermarkId = Long.MIN_VALUE;
  }

  /** Forgets the candidates passed and starts the next walk from the look-back, as a restart. */
  public synchronized void forget() {
    passed.clear();
    resetWatermark(System.currentTimeMillis());
  }

  /** What one run did. */
  public static final class Run {
    /** Candidates the walk looked at. */
    public final int examined;

    /** Events stored by this run. */
    public final int published;

    /** True when the database's trouble stopped the run; the next starts from the same place. */
    public final boolean stoppedByFailure;

    /** Candidates passed: their event refused (and recorded), or a problem of their own. */
    public final int passed;

    Run(int examined, int published, boolean stoppedByFailure, int passed) {
      this.examined = examined;
      this.published = published;
      this.stoppedByFailure = stoppedByFailure;
      this.passed = passed;
    }

    @Override
    public String toString() {
      return "examined "
          + examined
          + ", published "
          + published
          + (passed > 0 ? ", passed " + passed : "")
          + (stoppedByFailure ? ", stopped by the database's trouble" : "");
    }
  }

  /** A run's counts as it goes. */
  private static final class Counts {
    int examined;
    int published;
    int passed;

    Run done(boolean stopped) {
      return new Run(examined, published, stopped, passed);
    }
  }

  /** Runs the sweep once on the caller's thread (the sweep's own, or a test's). */
  public synchronized Run runOnce() {
    if (watermarkTime == null) resetWatermark(System.currentTimeMillis());
    Counts counts = new Counts();
    if (!retryUnstored(counts) || !retryPassed(counts) || !walk(counts)) {
      LOG.info(source.name() + " sweep: " + counts.done(true));
      return counts.done(true);
    }
    Run run = counts.done(false);
    if (run.published > 0 || run.passed > 0 || LOG.isDebugEnabled()) {
      LOG.info(source.name() + " sweep: " + run);
    }
    return run;
  }

  /** Step 1; false when the database's trouble stopped it. */
  private boolean retryUnstored(Counts counts) {
    if (unstored == null || maxRetriesPerRun == 0) return true;
    for (UnstoredEvent u : unstored.toRetry(source.triggers(), maxRetriesPerRun)) {
      String why;
      try {
        CatchUpSource.Republished r = source.republish(u);
        if (r.published()) {
          counts.published++;
          LOG.info(
              source.name()
                  + " sweep published event "
                  + u.eventKey()
                  + " again, which could not be stored before");
          // Gone when stored; still waiting when the source published others but not this one.
          why = "published again, but this event was not among those stored";
        } else {
          why = r.nothingBecause();
        }
      } catch (EventNotStoredException e) {
        if (!e.isRecorded()) return stop("event " + u.eventKey(), e);
        continue; // refused again: the engine recorded the try
      } catch (RuntimeException e) {
        if (DatabaseTrouble.in(e)) return stop("event " + u.eventKey(), e);
        why = "could not be published again: " + e;
      }
      try {
        if (unstored.tried(u.eventKey(), why)) {
          LOG.warn(
              source.name()
                  + " sweep tried event "
                  + u.eventKey()
                  + " ("
                  + u.reference()
                  + ") again without storing it: "
                  + why
                  + "; it stays listed and waits behind the others");
        }
      } catch (RuntimeException e) {
        return stop("event " + u.eventKey(), e);
      }
    }
    return true;
  }

  /** Step 2; false when the database's trouble stopped it. */
  private boolean retryPassed(Counts counts) {
    for (CatchUpCandidate c : source.handedOver()) keepForLater(c);
    List<CatchUpCandidate> now = new ArrayList<CatchUpCandidate>();
    Iterator<CatchUpCandidate> it = passed.values().iterator();
    while (it.hasNext() && now.size() < maxRetriesPerRun) {
      now.add(it.next());
      it.remove();
    }
    for (int i = 0; i < now.size(); i++) {
      if (!take(now.get(i), counts)) {
        for (CatchUpCandidate c : now.subList(i, now.size())) keepForLater(c);
        return false;
      }
    }
    return true;
  }

  /** Step 3; false when the database's trouble stopped it. */
  private boolean walk(Counts counts) {
    Date upTo = new Date(System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(graceSeconds));
    while (counts.examined < maxPerRun) {
      int limit = Math.min(pageSize, maxPerRun - counts.examined);
      List<CatchUpCandidate> page;
      try {
        page = source.candidates(watermarkTime, watermarkId, upTo, limit);
      } catch (RuntimeException e) {
        return stop(source.name() + "s after " + watermarkTime, e);
      }
      for (CatchUpCandidate c : page) {
        counts.examined++;
        if (!take(c, counts)) return false;
        watermarkTime = c.time();
        watermarkId = c.id();
      }
      if (page.size() < limit) break;
    }
    return true;
  }

  /**
   * Publishes one candidate unless its event is known stored; false only when the database's
   * trouble means the run must stop at it.
   */
  private boolean take(CatchUpCandidate c, Counts counts) {
    try {
      if (source.isStored(c)) return true;
      if (source.publish(c)) {
        counts.published++;
        LOG.info(source.name() + " sweep published " + c.label() + ", which had no event yet");
      }
      return true;
    } catch (EventNotStoredException e) {
      if (!e.isRecorded()) return stop(c.label(), e);
      counts.passed++;
      LOG.warn(
          source.name()
              + " sweep passed "
              + c.label()
              + ": its event could not be stored ("
              + e.reason()
              + "); it is listed on the Integration Setup page and in Logs and tried again at"
              + " the next run");
      return true;
    } catch (RuntimeException e) {
      if (DatabaseTrouble.in(e)) return stop(c.label(), e);
      counts.passed++;
      keepForLater(c);
      LOG.warn(
          source.name()
              + " sweep passed "
              + c.label()
              + ", which could not be published; it is tried again at the next run: "
              + e);
      return true;
    }
  }

  private void keepForLater(CatchUpCandidate c) {
    passed.remove(c.id());
    if (passed.size() >= MAX_PASSED) {
      LOG.warn(
          source.name()
              + " sweep has "
              + MAX_PASSED
              + " candidates waiting for a next try; "
              + c.label()
              + " is tried again after the next start");
      return;
    }
    passed.put(c.id(), c);
  }

  private boolean stop(String where, RuntimeException e) {
    LOG.warn(
        source.name()
            + " sweep stopped at "
            + where
            + " and goes on from there at the next run, in "
            + intervalSeconds
            + " s: "
            + e);
    return false;
  }
}

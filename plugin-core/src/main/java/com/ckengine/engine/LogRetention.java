package com.ckengine.engine;

import java.time.Clock;

/**
 * Retention of the integration log by age: deletes events received more than {@code ageMillis} ago
 * with their actions, except events with an action not finished (PENDING, RETRYING, claimed),
 * FAILED (waiting on the operator) or in doubt, whatever their age. The age is never below {@link
 * CatchUpWindow#retentionFloor}: what a sweep can still see is never purged.
 *
 * <p><b>Bounded work per run.</b> Kept events (a FAILED action nobody retries) may pile up for
 * months; a purge that walked from the oldest event every hour would read all of them each time. So
 * a run reads in two cheap ways, never the whole old log:
 *
 * <ol>
 *   <li>Forward, in (received time, id) order from where this process's previous run stopped, up to
 *       the cutoff: each event is looked at once by the index on {@code CK_EVENT (RECEIVED_AT,
 *       ID)}, which the query walks from its start key and leaves after one batch.
 *   <li>Again, the events behind that position whose actions finished since the previous run (a
 *       FAILED action retried and delivered, a purchase in doubt settled): read through the index
 *       on {@code CK_ACTION (FINISHED_AT)}, so only this hour's finished actions are looked at.
 * </ol>
 *
 * The first run after a start walks the whole old log once (the position is kept in memory); every
 * later run reads what became old since, plus what finished since. Several nodes may run it at
 * once: deleting an event twice deletes nothing the second time.
 */
final class LogRetention {
  /**
   * How far before the previous run's start a finished action is looked for again: its finish time
   * is stamped a moment before its transaction commits, so one that committed while the previous
   * run read may carry a slightly earlier time.
   */
  static final long RECHECK_MARGIN_MILLIS = 10 * 60_000L;

  private final ActionStore store;
  private final Clock clock;
  private final long ageMillis;
  private final int batchSize;

  // Every event before this (received time, id) was looked at by a run of this process.
  private long scannedTime = Long.MIN_VALUE;
  private long scannedId = Long.MIN_VALUE;
  private long previousRunStart = Long.MIN_VALUE;

  LogRetention(ActionStore store, Clock clock, long ageMillis, int batchSize) {
    this.store = store;
    this.clock = clock;
    this.ageMillis = ageMillis;
    this.batchSize = batchSize;
  }

  /** How long events are kept (after the clamp to the sweeps' look-back). */
  long ageMillis() {
    return ageMillis;
  }

  /** What one run did. */
  static final class Run {
    /** Events (forward) and finished actions (again) read to decide. */
    final int examined;

    final int deleted;

    Run(int examined, int deleted) {
      this.examined = examined;
      this.deleted = deleted;
    }

    @Override
    public String toString() {
      return "examined " + examined + ", deleted " + deleted;
    }
  }

  /** One run now: both reads, then the position moves on. */
  synchronized Run run() {
    long start = clock.millis();
    long cutoff = start - ageMillis;
    int examined = 0;
    int deleted = 0;
    if (previousRunStart != Long.MIN_VALUE) {
      ActionStore.PurgeBatch again =
          store.purgeFinishedSince(previousRunStart - RECHECK_MARGIN_MILLIS, cutoff, batchSize);
      examined += again.examined;
      deleted += again.deleted;
    }
    while (true) {
      ActionStore.PurgeBatch b = store.purgeOldEvents(cutoff, scannedTime, scannedId, batchSize);
      examined += b.examined;
      deleted += b.deleted;
      if (b.examined > 0) {
        scannedTime = b.lastTime;
        scannedId = b.lastId;
      }
      if (b.examined < batchSize) break;
    }
    previousRunStart = start;
    return new Run(examined, deleted);
  }
}

package com.ckengine.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One drain of one integration's due actions, under its lease: several actions in flight at once,
 * but one at a time per subscriber, in the order they were planned.
 *
 * <p>Why several: Kit limits requests per key per window, not per connection, so at 120 per 60 s a
 * call that takes 300 ms would leave a single caller 36 s behind Kit's schedule every window. Why
 * one per subscriber: an Add Tag and a later Remove Tag of the same person must reach Kit in that
 * order.
 *
 * <p>Each batch of due actions is split into lanes, one per subscriber, in the order of each
 * subscriber's first action; {@code callers} callers (this thread and helpers from the shared call
 * pool) take lanes in that order and deliver a lane's actions one after another. The next batch is
 * read when every lane of this one is done. The drain ends, leaving what it has not claimed due and
 * in order, when nothing is due, when its slice (actions or time) is used up, when this process's
 * limiter has no permit soon (the integration is then parked), when the lease is lost, or when Kit
 * refuses the secret.
 *
 * <p>With a credential that takes Kit's bulk calls (OAuth), a batch's first Add Tag action of each
 * subscriber goes first, together, through {@link DeliverTagBatch} (when there are at least two);
 * the rest of the batch then goes by lanes as above.
 */
final class Drain {
  private static final Log LOG = LogFactory.getLog(Drain.class);

  private final ActionStore store;
  private final Leases leases;
  private final Leases.Lease lease;
  private final DeliverAction deliver;
  private final DeliverTagBatch tagBatch;
  private final Clock clock;
  private final DeliveryWorker.Settings settings;
  private final ExecutorService callPool;
  private final BooleanSupplier running;
  private final List<KitCalls> callers = new ArrayList<KitCalls>();
  private final AtomicInteger done = new AtomicInteger();
  private final long sliceEnds;

  // Why the drain stops; written by any caller, read by all.
  private volatile boolean stopping;
  private volatile long parkUntil;
  private volatile boolean leaseLost;

  Drain(
      ActionStore store,
      Leases leases,
      Leases.Lease lease,
      DeliverAction deliver,
      DeliverTagBatch tagBatch,
      com.ckengine.kit.KitClient kit,
      Clock clock,
      DeliveryWorker.Settings settings,
      ExecutorService callPool,
      BooleanSupplier running) {
    this.store = store;
    this.leases = leases;
    this.lease = lease;
    this.deliver = deliver;
    this.tagBatch = tagBatch;
    this.clock = clock;
    this.settings = settings;
    this.callPool = callPool;
    this.running = running;
    for (int i = 0; i < settings.callsInFlight; i++) {
      callers.add(new KitCalls(kit, leases, lease, clock, settings.parkAboveMillis));
    }
    this.sliceEnds = clock.millis() + settings.sliceMillis;
  }

  /** Delivers until one of the endings above; never throws. */
  Drain run() {
    try {
      boolean bulk = tagBatch.usesBulk(lease.integrationId);
      // A bulk call answers up to BULK_SYNC_LIMIT at once: read that many when they can go so.
      int batchSize =
          bulk
              ? Math.max(settings.batchSize, com.ckengine.kit.KitClient.BULK_SYNC_LIMIT)
              : settings.batchSize;
      while (!shouldStop()) {
        List<ActionStore.DueAction> batch =
            store.dueActions(lease.integrationId, clock.millis(), batchSize);
        if (batch.isEmpty()) break;
        List<Long> together = bulk ? DeliverTagBatch.choose(batch) : new ArrayList<Long>();
        if (!together.isEmpty()) {
          deliverTogether(together);
          if (shouldStop()) break;
        }
        deliverLanes(lanes(batch, together));
      }
    } catch (Throwable t) {
      stopOn(t);
    }
    return this;
  }

  /** When this process's limiter has a permit again, if the drain stopped for it; else 0. */
  long parkUntil() {
    return parkUntil;
  }

  boolean leaseLost() {
    return leaseLost;
  }

  /** When the last Kit call of this drain ended; 0 when none was made. */
  long lastCallEndedAt() {
    long last = 0;
    for (KitCalls c : callers) last = Math.max(last, c.lastCallEndedAt());
    return last;
  }

  /** Delivers actions of several subscribers in Kit's bulk calls, on this thread. */
  private void deliverTogether(List<Long> actionIds) {
    DeliverTagBatch.Outcome o = tagBatch.run(actionIds, leases, lease, callers.get(0));
    done.addAndGet(o.recorded);
    // A refused secret will be refused for every other action too: stop and hold them.
    if (o.secretRefused) stopping = true;
  }

  /**
   * The batch's actions but those delivered together, one lane per subscriber, each lane in the
   * batch's order.
   */
  private static Queue<List<Long>> lanes(List<ActionStore.DueAction> batch, List<Long> together) {
    java.util.Set<Long> done = new java.util.HashSet<Long>(together);
    Map<String, List<Long>> bySubscriber = new LinkedHashMap<String, List<Long>>();
    for (ActionStore.DueAction a : batch) {
      if (done.contains(a.id)) continue;
      bySubscriber.computeIfAbsent(a.subscriber, s -> new ArrayList<Long>()).add(a.id);
    }
    return new ConcurrentLinkedQueue<List<Long>>(bySubscriber.values());
  }

  /** Runs one batch's lanes: this thread and up to {@code callsInFlight - 1} helpers take them. */
  private void deliverLanes(Queue<List<Long>> lanes) throws InterruptedException {
    int helpers = Math.min(callers.size(), lanes.size()) - 1;
    List<Future<?>> inFlight = new ArrayList<Future<?>>();
    for (int i = 1; i <= helpers; i++) {
      KitCalls calls = callers.get(i);
      try {
        inFlight.add(callPool.submit(() -> takeLanes(lanes, calls)));
      } catch (RejectedExecutionException e) {
        break; // stopping: this thread works alone
      }
    }
    takeLanes(lanes, callers.get(0));
    for (Future<?> f : inFlight) {
      try {
        f.get();
      } catch (ExecutionException e) {
        stopOn(e.getCause());
      }
    }
  }

  /** One caller: takes lanes until none is left or the drain stops. */
  private void takeLanes(Queue<List<Long>> lanes, KitCalls calls) {
    try {
      List<Long> lane;
      while (!shouldStop() && (lane = lanes.poll()) != null) {
        for (Long actionId : lane) {
          if (shouldStop()) return;
          DeliverAction.Result r = deliver.run(actionId, leases, lease, calls);
          if (r == DeliverAction.Result.NOT_CLAIMED) continue;
          done.incrementAndGet();
          // A refused secret will be refused for every other action too: stop and hold them.
          if (r == DeliverAction.Result.SECRET_REFUSED) stopping = true;
        }
      }
    } catch (Throwable t) {
      stopOn(t);
    }
  }

  private boolean shouldStop() {
    if (stopping || !running.getAsBoolean()) return true;
    if (done.get() >= settings.sliceActions || clock.millis() >= sliceEnds) {
      stopping = true; // yield the thread; the poller comes back to this integration in turn
    }
    return stopping;
  }

  private void stopOn(Throwable t) {
    stopping = true;
    if (t instanceof KitCalls.Throttled) {
      long until = ((KitCalls.Throttled) t).until;
      synchronized (this) {
        parkUntil = Math.max(parkUntil, until);
      }
    } else if (t instanceof KitCalls.LeaseLost) {
      leaseLost = true;
    } else if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    } else {
      LOG.warn(
          "delivering integration "
              + lease.integrationId
              + " stopped; it is picked up again at the next poll",
          t);
    }
  }
}

package com.ckengine.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The background side of the outbox. A poller thread looks for integrations with due actions every
 * poll interval (and at once when {@link #wake()} is called after a publish); for each one whose
 * lease this engine gets, a worker thread runs a {@link Drain} of its due actions: several in
 * flight at once (helpers from a call pool), one at a time per subscriber, each through {@link
 * DeliverAction}.
 *
 * <p>Fair: a drain yields its thread after a bounded slice (actions or time), and the poller serves
 * the integration served longest ago first, so two busy integrations cannot starve a third.
 *
 * <p>Patient: when this process's own rate limiter has no permit soon, the integration is parked
 * until the permit is free (its thread goes back to the pool, its lease is kept, no attempt is
 * counted, its actions keep their order). Only Kit's own answers count as attempts.
 *
 * <p>Sturdy: nothing thrown on the poller or in a drain ends delivery; it is logged and the next
 * poll goes on.
 */
final class DeliveryWorker {
  private static final Log LOG = LogFactory.getLog(DeliveryWorker.class);

  private final ActionStore store;
  private final Leases leases;
  private final DeliverAction deliver;
  private final DeliverTagBatch tagBatch;
  private final com.ckengine.kit.KitClient kit;
  private final Clock clock;
  private final Settings settings;
  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private final Map<Long, Long> parkedUntil = new ConcurrentHashMap<Long, Long>();
  private final Map<Long, Long> lastServed = new ConcurrentHashMap<Long, Long>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile boolean running;
  private ScheduledExecutorService poller;
  private ExecutorService pool;
  private ExecutorService callPool;

  /** How the worker runs; fixed when the engine is built. */
  static final class Settings {
    final long pollMillis;
    final int threads;
    final int callsInFlight;
    final int batchSize;
    final int sliceActions;
    final long sliceMillis;
    final long parkAboveMillis;

    Settings(
        long pollMillis,
        int threads,
        int callsInFlight,
        int batchSize,
        int sliceActions,
        long sliceMillis,
        long parkAboveMillis) {
      this.pollMillis = pollMillis;
      this.threads = threads;
      this.callsInFlight = callsInFlight;
      this.batchSize = batchSize;
      this.sliceActions = sliceActions;
      this.sliceMillis = sliceMillis;
      this.parkAboveMillis = parkAboveMillis;
    }
  }

  DeliveryWorker(
      ActionStore store,
      Leases leases,
      DeliverAction deliver,
      DeliverTagBatch tagBatch,
      com.ckengine.kit.KitClient kit,
      Clock clock,
      Settings settings) {
    this.store = store;
    this.leases = leases;
    this.deliver = deliver;
    this.tagBatch = tagBatch;
    this.kit = kit;
    this.clock = clock;
    this.settings = settings;
  }

  synchronized void start() {
    if (running) return;
    poller = Executors.newSingleThreadScheduledExecutor(named("ckengine-poller"));
    pool = Executors.newFixedThreadPool(settings.threads, named("ckengine-delivery"));
    int helpers = settings.threads * (settings.callsInFlight - 1);
    if (helpers > 0) {
      // Helpers exist while calls are in flight and end after a minute without work.
      ThreadPoolExecutor calls =
          new ThreadPoolExecutor(
              helpers,
              helpers,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<Runnable>(),
              named("ckengine-call"));
      calls.allowCoreThreadTimeOut(true);
      callPool = calls;
    } else {
      callPool = pool;
    }
    running = true;
    poller.scheduleWithFixedDelay(this::poll, 0, settings.pollMillis, TimeUnit.MILLISECONDS);
  }

  /** Stops polling and waits (up to {@code waitMillis}) for deliveries in flight to finish. */
  synchronized void stop(long waitMillis) {
    if (!running) return;
    running = false;
    poller.shutdownNow();
    pool.shutdown();
    callPool.shutdown();
    try {
      // A drain waits for its helpers, so the drains' pool ends last.
      if (!pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
        callPool.shutdownNow();
        pool.shutdownNow();
      }
      callPool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
      poller.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      callPool.shutdownNow();
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  boolean isRunning() {
    return running;
  }

  /** Polls soon, instead of at the next interval; cheap and safe to call from any thread. */
  void wake() {
    ScheduledExecutorService p = poller;
    if (!running || p == null || !wakePending.compareAndSet(false, true)) return;
    try {
      p.execute(
          () -> {
            wakePending.set(false);
            poll();
          });
    } catch (RejectedExecutionException e) {
      wakePending.set(false); // stopping
    }
  }

  /** Polls once when {@code millis} (engine clock) is reached. */
  private void wakeAt(long millis) {
    ScheduledExecutorService p = poller;
    if (!running || p == null) return;
    try {
      p.schedule(this::poll, Math.max(0, millis - clock.millis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // stopping
    }
  }

  private void poll() {
    if (!running) return;
    try {
      long now = clock.millis();
      List<Long> candidates = new ArrayList<Long>();
      for (Long id : store.integrationsWithDueWork(now)) {
        Long parked = parkedUntil.get(id);
        if (parked != null && parked > now) continue;
        if (!active.contains(id)) candidates.add(id);
      }
      // Longest unserved first: a busy integration cannot keep the threads from the others.
      candidates.sort((a, b) -> Long.compare(served(a), served(b)));
      for (Long id : candidates) {
        if (!running || active.size() >= settings.threads) return;
        Leases.Lease lease = leases.acquire(id);
        if (lease == null) continue;
        if (!active.add(id)) continue;
        try {
          pool.execute(() -> drain(lease));
        } catch (RejectedExecutionException e) {
          active.remove(id); // stopping
        }
      }
    } catch (Throwable t) {
      LOG.warn("polling for due actions failed; retrying at the next interval", t);
    }
  }

  private long served(Long id) {
    Long t = lastServed.get(id);
    return t == null ? Long.MIN_VALUE : t;
  }

  private void drain(Leases.Lease lease) {
    long id = lease.integrationId;
    Drain drain = null;
    try {
      parkedUntil.remove(id);
      drain =
          new Drain(
              store,
              leases,
              lease,
              deliver,
              tagBatch,
              kit,
              clock,
              settings,
              callPool,
              () -> running);
      drain.run();
      if (drain.parkUntil() > 0) {
        parkedUntil.put(id, drain.parkUntil());
        wakeAt(drain.parkUntil()); // not a poll interval later: the permit is free then
      }
      if (drain.leaseLost()) {
        LOG.info("integration " + id + " is delivered by another engine now; this drain stops");
      }
    } catch (Throwable t) {
      LOG.warn(
          "delivering integration " + id + " stopped; it is picked up again at the next poll", t);
    } finally {
      lastServed.put(id, clock.millis());
      if (drain == null || !drain.leaseLost()) {
        long lastCall = drain == null ? 0 : drain.lastCallEndedAt();
        try {
          leases.hold(lease, lastCall);
        } catch (Throwable t) {
          LOG.warn("keeping the lease of integration " + id + " failed", t);
        }
      }
      active.remove(id);
      if (running) wake(); // more due, or work published while this drain was ending
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}

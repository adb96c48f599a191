package com.ckengine.engine;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background side of the outbox. A poller thread looks for integrations with due actions every
 * poll interval (and at once when {@link #wake()} is called after a publish); for each one whose
 * lease this node gets, a worker thread drains its due actions one by one, renewing the lease as it
 * goes. One thread per integration at a time keeps an API key's calls sequential and inside this
 * process's rate limiter.
 */
final class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

  private final Delivery delivery;
  private final Leases leases;
  private final Clock clock;
  private final long pollMillis;
  private final long leaseMillis;
  private final long rateWindowMillis;
  private final int threads;
  private final int batchSize;
  private final Runnable housekeeping;
  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile boolean running;
  private ScheduledExecutorService poller;
  private ExecutorService pool;

  DeliveryWorker(
      Delivery delivery,
      Leases leases,
      Clock clock,
      long pollMillis,
      long leaseMillis,
      long rateWindowMillis,
      int threads,
      int batchSize,
      Runnable housekeeping) {
    this.delivery = delivery;
    this.leases = leases;
    this.clock = clock;
    this.pollMillis = pollMillis;
    this.leaseMillis = leaseMillis;
    this.rateWindowMillis = rateWindowMillis;
    this.threads = threads;
    this.batchSize = batchSize;
    this.housekeeping = housekeeping;
  }

  synchronized void start() {
    if (running) return;
    running = true;
    poller = Executors.newSingleThreadScheduledExecutor(named("ckengine-poller"));
    pool = Executors.newFixedThreadPool(threads, named("ckengine-delivery"));
    poller.scheduleWithFixedDelay(
        new Runnable() {
          @Override
          public void run() {
            poll();
          }
        },
        0,
        pollMillis,
        TimeUnit.MILLISECONDS);
  }

  /** Stops polling and waits (up to {@code waitMillis}) for deliveries in flight to finish. */
  synchronized void stop(long waitMillis) {
    if (!running) return;
    running = false;
    poller.shutdownNow();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) pool.shutdownNow();
      poller.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
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
          new Runnable() {
            @Override
            public void run() {
              wakePending.set(false);
              poll();
            }
          });
    } catch (RuntimeException e) {
      wakePending.set(false); // shutting down
    }
  }

  private void poll() {
    if (!running) return;
    try {
      housekeeping.run();
      List<Long> due = delivery.integrationsWithDueWork();
      for (final Long id : due) {
        if (!running) return;
        if (active.size() >= threads || !active.add(id)) continue;
        final long until = leases.acquire(id);
        if (until == 0) {
          active.remove(id);
          continue;
        }
        pool.execute(
            new Runnable() {
              @Override
              public void run() {
                drain(id, until);
              }
            });
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "polling for due actions failed; retrying at the next interval", e);
    }
  }

  private void drain(long integrationId, long leaseUntil) {
    long lastCall = 0;
    try {
      while (running) {
        List<Long> batch = delivery.due(integrationId, batchSize);
        if (batch.isEmpty()) break;
        for (Long id : batch) {
          if (!running) break;
          // Renew well before expiry: a call (with its limiter wait) must end inside the lease.
          if (leaseUntil - clock.millis() < leaseMillis / 2) {
            leaseUntil = leases.renew(integrationId);
            if (leaseUntil == 0) return; // another node took over; stop at once
          }
          Delivery.Result r = delivery.deliver(id);
          if (r == null) continue;
          if (r.called) lastCall = clock.millis();
          // A refused secret will be refused for every other action too: stop and hold them.
          if (r.outcome == com.ckengine.kit.KitOutcome.BAD_CREDENTIALS) return;
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivering integration " + integrationId + " stopped", e);
    } finally {
      try {
        if (lastCall > 0) leases.park(integrationId, lastCall + rateWindowMillis);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "parking the lease of integration " + integrationId + " failed", e);
      }
      active.remove(integrationId);
      if (running && lastCall > 0) wake(); // work published while this drain was ending
    }
  }

  private static ThreadFactory named(final String prefix) {
    final AtomicInteger n = new AtomicInteger();
    return new ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      }
    };
  }
}

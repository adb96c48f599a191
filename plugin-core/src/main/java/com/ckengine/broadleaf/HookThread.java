package com.ckengine.broadleaf;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one style of background thread on the host's side: one daemon thread per hook or sweep, named
 * for it, started and stopped with its bean. A storefront hook hands work over on the request
 * thread ({@link #schedule}) and it runs here a given time later, in order, so the shopper's
 * request neither waits for it nor competes with it; the queue is bounded (what does not fit is
 * refused, and each hook says what catches it up). A catch-up sweep runs here periodically ({@link
 * #repeat}). Thread-safe.
 */
public final class HookThread {
  private static final Log LOG = LogFactory.getLog(HookThread.class);

  /** Work waiting at most; beyond, {@link #schedule} refuses (memory stays bound). */
  static final int MAX_WAITING = 10000;

  private final String name;
  private ScheduledThreadPoolExecutor executor;

  public HookThread(String name) {
    this.name = name;
  }

  public synchronized void start() {
    if (executor != null) return;
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  /**
   * Runs {@code work} on this thread {@code delayMillis} from now.
   *
   * @return false when refused: the queue is full, or the thread is not running
   */
  public boolean schedule(Runnable work, long delayMillis) {
    ScheduledThreadPoolExecutor ex;
    synchronized (this) {
      ex = executor;
    }
    if (ex == null || ex.getQueue().size() >= MAX_WAITING) return false;
    try {
      ex.schedule(work, delayMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false; // stopping
    }
  }

  /**
   * Runs {@code work} on this thread {@code firstDelayMillis} from now, then again {@code
   * intervalMillis} after each run ends, until {@link #stop}. A run that throws is logged and the
   * next one goes on (an executor would otherwise stop repeating for good).
   *
   * @return false when the thread is not running
   */
  public boolean repeat(final Runnable work, long firstDelayMillis, long intervalMillis) {
    ScheduledThreadPoolExecutor ex;
    synchronized (this) {
      ex = executor;
    }
    if (ex == null) return false;
    try {
      ex.scheduleWithFixedDelay(
          () -> {
            try {
              work.run();
            } catch (RuntimeException e) {
              LOG.warn(name + " failed; it runs again in " + intervalMillis + " ms: " + e);
            }
          },
          firstDelayMillis,
          intervalMillis,
          TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false; // stopping
    }
  }

  /**
   * A read-only transaction of its own on Broadleaf's {@code blTransactionManager}, for reading
   * orders and carts on this thread.
   */
  public static TransactionTemplate readOnlyTransaction(PlatformTransactionManager tm) {
    TransactionTemplate t = new TransactionTemplate(tm);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    t.setReadOnly(true);
    return t;
  }
}

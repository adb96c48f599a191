package com.ckengine.kit;

import java.util.concurrent.TimeUnit;

/**
 * The time source of the rate limiter: reads a monotonic clock and sleeps. Tests pass one whose
 * time they control, so pacing over minutes is checked in milliseconds.
 */
public interface KitClock {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /** Blocks the calling thread for about {@code nanos}. */
  void sleepNanos(long nanos) throws InterruptedException;

  /** The real clock. */
  KitClock SYSTEM = new KitClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
      TimeUnit.NANOSECONDS.sleep(nanos);
    }

    @Override
    public String toString() {
      return "KitClock.SYSTEM";
    }
  };
}

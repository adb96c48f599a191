package com.ckengine.kit;

import java.util.concurrent.TimeUnit;

/**
 * The time source of the rate limiter: reads a monotonic clock and sleeps. Tests pass one whose
 * time they control, so pacing over minutes is checked in milliseconds.
 */
public interface KitClock {
  /** Monotonic nanoseconds, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Blocks the calling thread until {@link #nanoTime()} reaches {@code deadline}; returns at once
   * if it already has. A deadline rather than a duration lets a test clock jump straight to it.
   */
  void sleepUntil(long deadline) throws InterruptedException;

  /** The real clock. */
  KitClock SYSTEM =
      new KitClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
          for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(left);
          }
        }

        @Override
        public String toString() {
          return "KitClock.SYSTEM";
        }
      };
}

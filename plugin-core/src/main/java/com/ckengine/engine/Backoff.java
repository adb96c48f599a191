package com.ckengine.engine;

import java.util.Random;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of {@code base
 * * 2^(n-1)}, capped. The random half spreads retries of many actions that failed together (a Kit
 * outage) instead of sending them back in one burst.
 */
final class Backoff {
  private final long baseMillis;
  private final long maxMillis;
  private final Random random;

  Backoff(long baseMillis, long maxMillis, Random random) {
    this.baseMillis = baseMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** Delay before retry number {@code attempt} (1 = after the first failure). */
  long delayMillis(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long full = Math.min(maxMillis, baseMillis << shift);
    if (full <= 0) full = maxMillis;
    long half = full / 2;
    long jitter;
    synchronized (random) {
      jitter = half == 0 ? 0 : (long) (random.nextDouble() * (full - half + 1));
    }
    return half + jitter;
  }
}

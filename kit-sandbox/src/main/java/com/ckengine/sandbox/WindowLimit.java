package com.ckengine.sandbox;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Kit's rate limit as the server sees it: at most {@code limit} requests per key in any rolling
 * window, counted when they arrive. Refused requests do not count.
 */
final class WindowLimit {
  private final int limit;
  private final long windowNanos;
  private final Map<String, ArrayDeque<Long>> arrivals = new HashMap<String, ArrayDeque<Long>>();

  /** {@code limit <= 0} means no limit. */
  WindowLimit(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  boolean enabled() {
    return limit > 0;
  }

  /** Counts one request of this key; false when it is one too many for the window. */
  synchronized boolean tryAcquire(String key, long nowNanos) {
    if (limit <= 0) return true;
    ArrayDeque<Long> times = arrivals.get(key);
    if (times == null) {
      times = new ArrayDeque<Long>();
      arrivals.put(key, times);
    }
    while (!times.isEmpty() && nowNanos - times.peekFirst() >= windowNanos) times.pollFirst();
    if (times.size() >= limit) return false;
    times.addLast(nowNanos);
    return true;
  }
}

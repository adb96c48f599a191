package com.ckengine.sandbox;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Kit's rate limit as the server sees it: at most {@code limit} requests per key in any rolling
 * window, counted when they arrive. Refused requests do not count against the limit, but they are
 * counted in {@link #peakArrivals()}: how many requests one key sent within one window at most,
 * whatever the answer, which is what a client that keeps Kit's budget must keep at or below the
 * limit.
 */
final class WindowLimit {
  private final int limit;
  private final long windowNanos;
  private final Map<String, ArrayDeque<Long>> arrivals = new HashMap<String, ArrayDeque<Long>>();
  private final Map<String, ArrayDeque<Long>> allArrivals = new HashMap<String, ArrayDeque<Long>>();
  private int peakArrivals;

  /** {@code limit <= 0} means no limit. */
  WindowLimit(int limit, long windowNanos) {
    this.limit = limit;
    this.windowNanos = windowNanos;
  }

  boolean enabled() {
    return limit > 0;
  }

  /** The most requests allowed per key in one window; 0 without a limit. */
  int limit() {
    return Math.max(0, limit);
  }

  /** Counts one request of this key; false when it is one too many for the window. */
  synchronized boolean tryAcquire(String key, long nowNanos) {
    if (limit <= 0) return true;
    ArrayDeque<Long> all = inWindow(allArrivals, key, nowNanos);
    all.addLast(nowNanos);
    peakArrivals = Math.max(peakArrivals, all.size());
    ArrayDeque<Long> times = inWindow(arrivals, key, nowNanos);
    if (times.size() >= limit) return false;
    times.addLast(nowNanos);
    return true;
  }

  /** The most requests one key sent within one window so far, refused ones included. */
  synchronized int peakArrivals() {
    return peakArrivals;
  }

  /** The arrivals of {@code key} still inside the window that ends now. */
  private ArrayDeque<Long> inWindow(Map<String, ArrayDeque<Long>> byKey, String key, long now) {
    ArrayDeque<Long> times = byKey.computeIfAbsent(key, k -> new ArrayDeque<Long>());
    while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) times.pollFirst();
    return times;
  }
}

package com.ckengine.kit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Paces calls per {@link ApiSecret}: at most {@code limit} requests in any rolling window.
 *
 * <p>Each caller reserves the earliest slot that keeps the rule and then sleeps until it, so
 * waiting callers are served in order without a thundering herd. The rule is kept on the time a
 * request <em>finished</em> once that is known: Kit counts a request when it arrives, which is
 * somewhere between our send and our receipt, so counting from the receipt keeps network jitter
 * from ever pushing {@code limit + 1} arrivals into one of Kit's windows.
 *
 * <p>After a 429 the key is paused for a back-off that doubles with each 429 in a row (starting at
 * the mean spacing {@code window / limit}, capped at one window) and resets on any other answer.
 * Callers already waiting for a slot wait out the pause too, or give up if it would take them past
 * their bound.
 */
class RateLimiter {
  private final int limit;
  private final long windowNanos;
  private final long maxWaitNanos;
  private final long initialBackoffNanos;
  private final KitClock clock;
  private final ConcurrentMap<ApiSecret, KeyState> states =
      new ConcurrentHashMap<ApiSecret, KeyState>();

  RateLimiter(int limit, Duration window, Duration maxWait, KitClock clock) {
    if (limit < 1) throw new IllegalArgumentException("limit");
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.maxWaitNanos = maxWait.toNanos();
    this.initialBackoffNanos = Math.max(1, windowNanos / limit);
    this.clock = clock;
  }

  /** A limiter that grants at once, always. */
  static RateLimiter unlimited() {
    return new RateLimiter(1, Duration.ofNanos(1), Duration.ZERO, KitClock.SYSTEM) {
      @Override
      Permit acquire(ApiSecret key) {
        return Permit.UNPACED;
      }

      @Override
      void release(Permit permit, boolean rateLimited) {}
    };
  }

  /**
   * Waits for a permit to send one request with this key.
   *
   * @return the permit, or null when the wait would exceed the configured maximum
   * @throws InterruptedException if interrupted while waiting (the slot stays used)
   */
  Permit acquire(ApiSecret key) throws InterruptedException {
    KeyState state = states.get(key);
    if (state == null) {
      KeyState fresh = new KeyState(limit);
      state = states.putIfAbsent(key, fresh);
      if (state == null) state = fresh;
    }
    long now;
    Permit permit;
    synchronized (state) {
      now = clock.nanoTime();
      permit = state.reserve(now);
    }
    if (permit == null) return null;
    long until = permit.slot;
    while (until > now) {
      clock.sleepUntil(until);
      // A 429 seen while we slept pauses the key for callers already queued, too.
      synchronized (state) {
        now = clock.nanoTime();
        until = state.pausedUntil;
      }
      // Its slot stays counted as used: conservative, and the key is in trouble anyway.
      if (until > now && until - now > maxWaitNanos) return null;
    }
    return permit;
  }

  /** Reports that the request of a permit is over; {@code rateLimited} when Kit said 429. */
  void release(Permit permit, boolean rateLimited) {
    KeyState state = permit.state;
    synchronized (state) {
      long now = clock.nanoTime();
      state.finished(permit, now);
      if (rateLimited) {
        state.consecutive429++;
        int shift = Math.min(state.consecutive429 - 1, 30);
        long backoff = Math.min(initialBackoffNanos << shift, windowNanos);
        state.pausedUntil = Math.max(state.pausedUntil, now + backoff);
      } else {
        state.consecutive429 = 0;
      }
    }
  }

  /** One granted request: its place in the key's history and the time it was allowed to go. */
  static final class Permit {
    static final Permit UNPACED = new Permit(null, -1, 0);

    final KeyState state;
    final long sequence;
    final long slot;

    Permit(KeyState state, long sequence, long slot) {
      this.state = state;
      this.sequence = sequence;
      this.slot = slot;
    }
  }

  /** The history of one key: the last {@code limit} requests, in a ring. Guarded by itself. */
  final class KeyState {
    /** Per request: its slot, raised to its finish time once it finished. */
    private final long[] ring;

    private long issued;
    private long lastSlot = Long.MIN_VALUE;
    long pausedUntil = Long.MIN_VALUE;
    int consecutive429;

    KeyState(int limit) {
      this.ring = new long[limit];
    }

    Permit reserve(long now) {
      long slot = Math.max(now, Math.max(lastSlot, pausedUntil));
      int index = (int) (issued % limit);
      if (issued >= limit) {
        // The request `limit` places back must have left the window before this one may go.
        slot = Math.max(slot, ring[index] + windowNanos);
      }
      if (slot - now > maxWaitNanos) return null;
      ring[index] = slot;
      lastSlot = slot;
      return new Permit(this, issued++, slot);
    }

    void finished(Permit permit, long now) {
      // Only while its entry has not been reused by a newer request.
      if (issued - permit.sequence <= limit) {
        int index = (int) (permit.sequence % limit);
        ring[index] = Math.max(ring[index], now);
      }
    }
  }
}

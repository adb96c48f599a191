package com.ckengine.kit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces calls per {@link KitCredential} (one limiter per credential kind: see {@link KitLimiters}):
 * at most {@code limit} requests in any rolling window.
 *
 * <p>Each caller reserves the earliest slot that keeps the rule and then sleeps until it, so
 * waiting callers are served in order without a thundering herd. The rule is kept on the time a
 * request <em>finished</em> once that is known: Kit counts a request when it arrives, which is
 * somewhere between our send and our receipt, so counting from the receipt keeps network jitter
 * from ever pushing {@code limit + 1} arrivals into one of Kit's windows.
 *
 * <p>While the request {@code limit} places back is still in flight its finish time is unknown, so
 * no slot is fixed for the next one until it finishes: the caller waits for it (within its bound),
 * or is refused at once when a window is longer than the bound (the slot is then at least a window
 * away). Without this, a slot reserved while an earlier request is slow to arrive could let {@code
 * limit + 1} arrivals into one of Kit's windows when several requests are in flight.
 *
 * <p>After a 429 the key is paused for a back-off that doubles with each 429 in a row (starting at
 * the mean spacing {@code window / limit}, capped at one window) and resets on any other answer.
 * Callers already waiting for a slot wait out the pause too, or give up if it would take them past
 * their bound.
 *
 * <p>Requests another process made with a key (an operator connecting a new Kit account on the
 * admin node, just before this node takes the new integration's lease) are counted as one group:
 * {@link #countMadeElsewhere} says how many are still in Kit's window and when the last of them
 * leaves it, and until then this limiter keeps that many places of the window for them. Counting
 * the same group again (each drain that takes the lease within that window) does not add it twice.
 *
 * <p>The state of a secret that has not been used for a whole window (nothing in flight, its last
 * slot, answer and pause all a window old) is dropped: it can no longer hold anybody back, and a
 * process whose operators replace secrets keeps only the ones in use. A sweep runs at most once a
 * window, from {@link #acquire}.
 */
class RateLimiter {
  private final int limit;
  private final long windowNanos;
  private final long maxWaitNanos;
  private final long initialBackoffNanos;
  private final KitClock clock;
  private final ConcurrentMap<KitCredential, KeyState> states =
      new ConcurrentHashMap<KitCredential, KeyState>();
  private final AtomicLong lastSweep;

  /** How often a caller looks again while the request a limit back is still in flight. */
  private static final long OPEN_REQUEST_POLL_NANOS = Duration.ofMillis(5).toNanos();

  RateLimiter(int limit, Duration window, Duration maxWait, KitClock clock) {
    if (limit < 1) throw new IllegalArgumentException("limit");
    this.limit = limit;
    this.windowNanos = window.toNanos();
    this.maxWaitNanos = maxWait.toNanos();
    this.initialBackoffNanos = Math.max(1, windowNanos / limit);
    this.clock = clock;
    this.lastSweep = new AtomicLong(clock.nanoTime());
  }

  /** A limiter that grants at once, always. */
  static RateLimiter unlimited() {
    return new RateLimiter(1, Duration.ofNanos(1), Duration.ZERO, KitClock.SYSTEM) {
      @Override
      Permit acquire(KitCredential key) {
        return Permit.UNPACED;
      }

      @Override
      long delayNanos(KitCredential key) {
        return 0;
      }

      @Override
      void release(Permit permit, boolean rateLimited) {}

      @Override
      void countMadeElsewhere(KitCredential key, int requests, long leftNanos) {}

      @Override
      long[] recent(KitCredential key) {
        return new long[] {0, 0};
      }
    };
  }

  /**
   * Waits for a permit to send one request with this key.
   *
   * @return the permit, or a refused one ({@link Permit#isGranted()} false, with the wait it would
   *     have needed) when the wait would exceed the configured maximum
   * @throws InterruptedException if interrupted while waiting (the slot stays used)
   */
  Permit acquire(KitCredential key) throws InterruptedException {
    long start = clock.nanoTime();
    long now;
    Permit permit;
    KeyState state;
    while (true) {
      state = states.get(key);
      if (state == null) {
        KeyState fresh = new KeyState(limit);
        state = states.putIfAbsent(key, fresh);
        if (state == null) state = fresh;
      }
      synchronized (state) {
        if (state.evicted) continue; // swept meanwhile: use (or make) the current one
        now = clock.nanoTime();
        permit = state.reserve(now);
        if (permit.isGranted()) state.inFlight++;
      }
      if (permit != Permit.AFTER_OPEN_REQUEST) break;
      // The request a limit back is in flight: its slot follows its finish. Look again shortly.
      if (now - start > maxWaitNanos) return Permit.refused(windowNanos);
      clock.sleepUntil(now + OPEN_REQUEST_POLL_NANOS);
    }
    sweepNow(now);
    if (!permit.isGranted()) return permit;
    long until = permit.slot;
    while (until > now) {
      try {
        clock.sleepUntil(until);
      } catch (InterruptedException e) {
        synchronized (state) {
          state.inFlight--;
          state.finished(permit, clock.nanoTime()); // never sent; its slot stays counted
        }
        throw e;
      }
      // A 429 seen while we slept pauses the key for callers already queued, too.
      synchronized (state) {
        now = clock.nanoTime();
        until = state.pausedUntil;
        // Its slot stays counted as used: conservative, and the key is in trouble anyway.
        if (until > now && until - now > maxWaitNanos) {
          state.inFlight--;
          state.finished(permit, now); // never sent; its slot stays counted
          return Permit.refused(until - now);
        }
      }
    }
    return permit;
  }

  /**
   * How long a call made now with this key would wait for its permit, 0 if it could go at once.
   * Reserves nothing; the answer may be stale the moment it is given, when other threads use the
   * key.
   */
  long delayNanos(KitCredential key) {
    KeyState state = states.get(key);
    if (state == null) return 0;
    synchronized (state) {
      long now = clock.nanoTime();
      return Math.max(0, state.earliestSlot(now) - now);
    }
  }

  /**
   * Counts {@code requests} made with this key by another process, the last of which leaves Kit's
   * window in {@code leftNanos}: until then they take places of this limiter's window. Counting the
   * same group again does not add it twice.
   */
  void countMadeElsewhere(KitCredential key, int requests, long leftNanos) {
    if (requests <= 0 || leftNanos <= 0) return;
    while (true) {
      KeyState state = states.get(key);
      if (state == null) {
        KeyState fresh = new KeyState(limit);
        state = states.putIfAbsent(key, fresh);
        if (state == null) state = fresh;
      }
      synchronized (state) {
        if (state.evicted) continue;
        long now = clock.nanoTime();
        state.elsewhere(Math.min(requests, limit), now + leftNanos, now);
        return;
      }
    }
  }

  /**
   * The requests this limiter counted with this key that are still in the window now (those made
   * elsewhere too): {@code {count, nanos until the last of them leaves the window}}.
   */
  long[] recent(KitCredential key) {
    KeyState state = states.get(key);
    if (state == null) return new long[] {0, 0};
    synchronized (state) {
      long now = clock.nanoTime();
      return state.inWindow(now);
    }
  }

  /** Secrets whose state is kept; tests only. */
  int trackedKeys() {
    return states.size();
  }

  /** Drops the state of keys idle for a whole window; at most once a window. */
  private void sweepNow(long now) {
    long last = lastSweep.get();
    if (now - last < windowNanos || !lastSweep.compareAndSet(last, now)) return;
    for (Map.Entry<KitCredential, KeyState> entry : states.entrySet()) {
      KeyState state = entry.getValue();
      synchronized (state) {
        if (!state.idleSince(now - windowNanos)) continue;
        state.evicted = true;
      }
      states.remove(entry.getKey(), state);
    }
  }

  /** Reports that the request of a permit is over; {@code rateLimited} when Kit said 429. */
  void release(Permit permit, boolean rateLimited) {
    KeyState state = permit.state;
    synchronized (state) {
      long now = clock.nanoTime();
      state.inFlight--;
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

  /**
   * One granted request: its place in the key's history and the time it was allowed to go. Or a
   * refusal, with the wait that a permit would have needed.
   */
  static final class Permit {
    static final Permit UNPACED = new Permit(null, -1, 0, -1);

    /** Not granted yet: the request a limit back is in flight (internal to {@link #acquire}). */
    static final Permit AFTER_OPEN_REQUEST = new Permit(null, -1, 0, 0);

    final KeyState state;
    final long sequence;
    final long slot;
    private final long refusedWaitNanos;

    private Permit(KeyState state, long sequence, long slot, long refusedWaitNanos) {
      this.state = state;
      this.sequence = sequence;
      this.slot = slot;
      this.refusedWaitNanos = refusedWaitNanos;
    }

    static Permit refused(long waitNanos) {
      return new Permit(null, -1, 0, Math.max(0, waitNanos));
    }

    boolean isGranted() {
      return refusedWaitNanos < 0;
    }

    /** For a refusal: how long the caller would have had to wait. */
    long refusedWaitNanos() {
      return refusedWaitNanos;
    }
  }

  /** The history of one key: the last {@code limit} requests, in a ring. Guarded by itself. */
  final class KeyState {
    /** Per request: its slot, raised to its finish time once it finished. */
    private final long[] ring;

    /**
     * Per request: still in flight (its finish time, and so its place in Kit's window, unknown).
     */
    private final boolean[] open;

    private long issued;
    private long lastSlot = Long.MIN_VALUE;
    private long lastFinish = Long.MIN_VALUE;
    long pausedUntil = Long.MIN_VALUE;
    int consecutive429;
    int inFlight;

    /** Set once swept out of the map; a caller holding this state must fetch the current one. */
    boolean evicted;

    /** Requests made with this key by another process, in Kit's window until elsewhereUntil. */
    private int elsewhere;

    private long elsewhereUntil = Long.MIN_VALUE;

    KeyState(int limit) {
      this.ring = new long[limit];
      this.open = new boolean[limit];
    }

    /** The earliest time a request could go that keeps the rule. */
    long earliestSlot(long now) {
      long slot = Math.max(now, Math.max(lastSlot, pausedUntil));
      if (issued >= limit) {
        // The request `limit` places back must have left the window before this one may go; in
        // flight, it finishes no earlier than now.
        int back = (int) (issued % limit);
        long time = open[back] ? Math.max(ring[back], now) : ring[back];
        slot = Math.max(slot, time + windowNanos);
      }
      return Math.max(slot, afterElsewhere(slot, now));
    }

    /**
     * While requests made elsewhere are in the window, only {@code limit - elsewhere} of ours may
     * be: a slot before they leave waits for our request that many places back to leave it.
     */
    private long afterElsewhere(long slot, long now) {
      if (elsewhere == 0 || slot - elsewhereUntil >= 0) return slot;
      int ours = limit - elsewhere;
      if (ours == 0) return elsewhereUntil;
      if (issued < ours) return slot;
      int back = (int) ((issued - ours) % limit);
      long time = open[back] ? Math.max(ring[back], now) : ring[back];
      return Math.min(elsewhereUntil, Math.max(slot, time + windowNanos));
    }

    /**
     * One group at a time: counted again (its end a little off, each node reads the database's
     * clock anew), the group keeps the larger count and the later end, never the sum.
     */
    void elsewhere(int requests, long until, long now) {
      boolean active = elsewhere > 0 && elsewhereUntil - now > 0;
      elsewhere = active ? Math.max(elsewhere, requests) : requests;
      elsewhereUntil = active && elsewhereUntil - until > 0 ? elsewhereUntil : until;
    }

    /** {@code {requests in the window now, nanos until the last of them leaves it}}. */
    long[] inWindow(long now) {
      long count = 0;
      long last = Long.MIN_VALUE;
      int kept = (int) Math.min(issued, limit);
      for (int i = 0; i < kept; i++) {
        long time = open[i] ? Math.max(ring[i], now) : ring[i];
        if (time + windowNanos - now > 0) {
          count++;
          if (last == Long.MIN_VALUE || time - last > 0) last = time;
        }
      }
      long left = last == Long.MIN_VALUE ? 0 : last + windowNanos - now;
      if (elsewhere > 0 && elsewhereUntil - now > 0) {
        count = Math.min(limit, count + elsewhere);
        left = Math.max(left, elsewhereUntil - now);
      }
      return new long[] {count, left};
    }

    Permit reserve(long now) {
      long slot = earliestSlot(now);
      if (slot - now > maxWaitNanos) return Permit.refused(slot - now);
      int index = (int) (issued % limit);
      if (issued >= limit && open[index]) return Permit.AFTER_OPEN_REQUEST;
      ring[index] = slot;
      open[index] = true;
      lastSlot = slot;
      return new Permit(this, issued++, slot, -1);
    }

    void finished(Permit permit, long now) {
      lastFinish = Math.max(lastFinish, now);
      // Only while its entry has not been reused by a newer request.
      if (issued - permit.sequence <= limit) {
        int index = (int) (permit.sequence % limit);
        ring[index] = Math.max(ring[index], now);
        open[index] = false;
      }
    }

    /** True when nothing is in flight and every time this key holds is before {@code since}. */
    boolean idleSince(long since) {
      return inFlight == 0
          && before(lastSlot, since)
          && before(lastFinish, since)
          && before(pausedUntil, since)
          && before(elsewhereUntil, since);
    }

    private boolean before(long time, long since) {
      return time == Long.MIN_VALUE || time - since < 0;
    }
  }
}

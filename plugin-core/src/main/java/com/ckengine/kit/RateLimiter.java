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
 * <p>A plan of several requests sent one after another (v4's Add Tag: the subscriber's upsert, then
 * one request per tag) reserves its permits together ({@link #reserve}): all of them, each with its
 * slot, or none. So concurrent plans never share out the last permits of a window between them and
 * then stop half-way, with Kit's answers to their first requests thrown away; a plan that does not
 * fit waits (within the bound) or is refused whole, before its first request. A reserved permit the
 * plan does not use (it stopped on Kit's answer) is given back with its slot still counted as used,
 * as every permit that was granted and never sent is.
 *
 * <p>After a 429 the key is paused for a back-off that doubles with each 429 in a row (starting at
 * the mean spacing {@code window / limit}, capped at one window) and resets on any other answer.
 * Callers already waiting for a slot, and plans under way, wait out the pause too, or give up if it
 * would take them past their bound.
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
 * window, from {@link #reserve}.
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
      Reservation reserve(KitCredential key, int requests) {
        Permit[] permits = new Permit[Math.max(1, requests)];
        java.util.Arrays.fill(permits, Permit.UNPACED);
        return new Reservation(key, permits, null);
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
    Reservation one = reserve(key, 1);
    return one.isGranted() ? one.take() : one.refusal();
  }

  /**
   * Reserves the permits of a plan of {@code requests} requests that one caller sends one after
   * another with this key: a slot for each, fixed together under the key's lock, so that no other
   * caller takes the permits in between. None is reserved when the last of them would wait longer
   * than the configured maximum: the plan is refused whole, with that wait, before its first
   * request. A plan longer than the window's limit reserves the limit; its later requests then take
   * a permit each, as single requests do (they could not fit one window anyway).
   *
   * <p>The caller takes a permit per request ({@link Reservation#take}), releases each one taken
   * ({@link #release}), and closes the reservation when the plan is over ({@link
   * Reservation#close}), which gives back the permits it did not take.
   *
   * @throws InterruptedException if interrupted while waiting for a request a limit back to finish
   *     (nothing is reserved then)
   */
  Reservation reserve(KitCredential key, int requests) throws InterruptedException {
    if (requests < 1) throw new IllegalArgumentException("requests");
    int held = Math.min(requests, limit);
    long start = clock.nanoTime();
    long now;
    Reservation reservation;
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
        reservation = state.reserve(key, now, held);
      }
      if (reservation != null) break;
      // A request a limit back is in flight: its slot follows its finish. Look again shortly.
      if (now - start > maxWaitNanos) return refusedPlan(key, windowNanos);
      clock.sleepUntil(now + OPEN_REQUEST_POLL_NANOS);
    }
    sweepNow(now);
    return reservation;
  }

  private Reservation refusedPlan(KitCredential key, long waitNanos) {
    return new Reservation(key, new Permit[0], Permit.refused(waitNanos));
  }

  /**
   * Waits until a reserved permit's slot, and out of any pause a 429 set meanwhile; refused (its
   * slot still counted as used) when that would take longer than the bound.
   */
  private Permit waitForSlot(Permit permit) throws InterruptedException {
    KeyState state = permit.state;
    long until = permit.slot;
    while (true) {
      long now;
      synchronized (state) {
        now = clock.nanoTime();
        // A 429 seen meanwhile pauses the key for callers already queued, and plans under way.
        until = Math.max(until, state.pausedUntil);
        if (until - now > maxWaitNanos) {
          state.unsent(permit, now);
          return Permit.refused(until - now);
        }
      }
      if (until <= now) return permit;
      try {
        clock.sleepUntil(until);
      } catch (InterruptedException e) {
        synchronized (state) {
          state.unsent(permit, clock.nanoTime());
        }
        throw e;
      }
    }
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

  /**
   * The permits {@link #reserve} fixed for one plan, taken one per request in order; or a refusal,
   * with the wait the plan's last permit would have needed. Used by one caller.
   */
  class Reservation implements AutoCloseable {
    private final KitCredential key;
    private final Permit[] permits;
    private final Permit refusal;
    private int taken;

    Reservation(KitCredential key, Permit[] permits, Permit refusal) {
      this.key = key;
      this.permits = permits;
      this.refusal = refusal;
    }

    boolean isGranted() {
      return refusal == null;
    }

    /** The refused permit, with the wait the plan would have needed; null when granted. */
    Permit refusal() {
      return refusal;
    }

    /**
     * The permit of the plan's next request, once its slot has come: granted, or refused (when a
     * 429 paused the key beyond the bound meanwhile, or the plan was refused). Past the permits
     * reserved (a plan longer than the limit), a permit of its own, as {@link #acquire} gives.
     *
     * @throws InterruptedException if interrupted while waiting (the slot stays used)
     */
    Permit take() throws InterruptedException {
      if (refusal != null) return refusal;
      if (taken >= permits.length) return acquire(key);
      Permit permit = permits[taken++];
      return permit.state == null ? permit : waitForSlot(permit);
    }

    /** Gives back the reserved permits the plan did not take; their slots stay counted as used. */
    @Override
    public void close() {
      for (; taken < permits.length; taken++) {
        KeyState state = permits[taken].state;
        if (state == null) continue;
        synchronized (state) {
          state.unsent(permits[taken], clock.nanoTime());
        }
      }
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
      return slots(now, 1)[0];
    }

    /**
     * While requests made elsewhere are in the window, only {@code limit - elsewhere} of ours may
     * be: a slot before they leave waits for our request that many places back to leave it ({@code
     * sequence}'s; {@code planned} holds the slots of the plan's earlier requests, not yet issued).
     */
    private long afterElsewhere(long slot, long now, long sequence, long[] planned) {
      if (elsewhere == 0 || slot - elsewhereUntil >= 0) return slot;
      int ours = limit - elsewhere;
      if (ours == 0) return elsewhereUntil;
      if (sequence < ours) return slot;
      long earlier = sequence - ours;
      long time;
      if (earlier >= issued) {
        time = planned[(int) (earlier - issued)];
      } else {
        int back = (int) (earlier % limit);
        time = open[back] ? Math.max(ring[back], now) : ring[back];
      }
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

    /**
     * The earliest times the next {@code n} requests (at most {@code limit}) could go, one after
     * another, keeping the rule.
     */
    private long[] slots(long now, int n) {
      long[] slots = new long[n];
      long slot = Math.max(now, Math.max(lastSlot, pausedUntil));
      for (int k = 0; k < n; k++) {
        long sequence = issued + k;
        if (sequence >= limit) {
          // The request `limit` places back must have left the window before this one may go; in
          // flight, it finishes no earlier than now.
          int back = (int) (sequence % limit);
          long time = open[back] ? Math.max(ring[back], now) : ring[back];
          slot = Math.max(slot, time + windowNanos);
        }
        slot = afterElsewhere(slot, now, sequence, slots);
        slots[k] = slot;
      }
      return slots;
    }

    /**
     * Reserves the next {@code n} slots (at most {@code limit}) for one caller, all or none: a
     * refusal when the last is beyond the bound, null while a request they follow is in flight.
     */
    Reservation reserve(KitCredential key, long now, int n) {
      long[] slots = slots(now, n);
      long last = slots[n - 1];
      if (last - now > maxWaitNanos) return refusedPlan(key, last - now);
      for (int k = 0; k < n; k++) {
        long sequence = issued + k;
        if (sequence >= limit && open[(int) (sequence % limit)]) return null;
      }
      Permit[] permits = new Permit[n];
      for (int k = 0; k < n; k++) {
        int index = (int) (issued % limit);
        ring[index] = slots[k];
        open[index] = true;
        permits[k] = new Permit(this, issued++, slots[k], -1);
      }
      lastSlot = last;
      inFlight += n;
      return new Reservation(key, permits, null);
    }

    /** A permit that was granted but whose request was never sent: its slot stays counted. */
    void unsent(Permit permit, long now) {
      inFlight--;
      finished(permit, now);
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

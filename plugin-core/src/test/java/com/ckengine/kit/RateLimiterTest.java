package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  static final KitCredential A = KitCredential.v3Secret("secret-a");
  static final KitCredential B = KitCredential.v3Secret("secret-b");
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  final FakeClock clock = new FakeClock();

  @Test
  void noSlotIsFixedWhileTheRequestALimitBackIsStillInFlight() throws Exception {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), Duration.ofSeconds(5), clock);
    long t0 = clock.nanoTime();
    RateLimiter.Permit first = limiter.acquire(A);
    limiter.acquire(A);
    // The first request is slow: still unanswered 2 s later, so Kit may have counted it as late as
    // now. The third request must wait for it, then keep a window after its finish.
    clock.advance(Duration.ofSeconds(2));
    assertTrue(limiter.delayNanos(A) >= SECOND, "a window at least: " + limiter.delayNanos(A));
    clock.duringNextSleep(() -> limiter.release(first, false)); // answered at t0 + 2 s
    RateLimiter.Permit third = limiter.acquire(A);
    assertTrue(third.isGranted());
    assertEquals(t0 + 3 * SECOND, third.slot, "one window after the first request finished");

    // With a bound shorter than the window, the caller is refused at once, a window ahead.
    RateLimiter strict = new RateLimiter(1, Duration.ofSeconds(10), Duration.ofSeconds(1), clock);
    strict.acquire(B);
    RateLimiter.Permit refused = strict.acquire(B);
    assertFalse(refused.isGranted());
    assertTrue(refused.refusedWaitNanos() >= 10 * SECOND, "" + refused.refusedWaitNanos());
  }

  @Test
  void eightThreadsNeverExceedTheLimitInAnyWindowAndNothingIsLost() throws Exception {
    int limit = 10;
    long window = 60 * SECOND;
    RateLimiter limiter =
        new RateLimiter(limit, Duration.ofNanos(window), Duration.ofDays(1), clock);
    ConcurrentLinkedQueue<long[]> grants = new ConcurrentLinkedQueue<long[]>();
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<Future<?>>();
    for (int t = 0; t < threads; t++) {
      done.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++) {
                  RateLimiter.Permit permit = limiter.acquire(A);
                  long sentAt = clock.nanoTime();
                  // The request takes a while; the limiter then learns when it finished.
                  clock.advance(Duration.ofMillis(3));
                  limiter.release(permit, false);
                  grants.add(new long[] {permit.slot, sentAt});
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
    pool.shutdown();

    assertEquals(threads * perThread, grants.size(), "every caller got its permit");
    List<Long> slots = new ArrayList<Long>();
    for (long[] g : grants) {
      assertTrue(g[1] >= g[0], "nobody went before its slot");
      slots.add(g[0]);
    }
    Collections.sort(slots);
    for (int i = 0; i + limit < slots.size(); i++) {
      long span = slots.get(i + limit) - slots.get(i);
      assertTrue(span >= window, "request " + (i + limit) + " only " + span + " ns after " + i);
    }
    // And it does not crawl: 400 requests at 10 per window need 39 windows after the first
    // burst. Sleepers jumping the simulated clock may waste a few slots, never half of them.
    long elapsed = slots.get(slots.size() - 1) - slots.get(0);
    assertTrue(elapsed <= 2 * 39 * window, "took " + elapsed / window + " windows");
  }

  @Test
  void aCallerThatWouldWaitTooLongIsRefusedAtOnce() throws Exception {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(60), Duration.ofSeconds(10), clock);
    long start = clock.nanoTime();
    RateLimiter.Permit first = limiter.acquire(A);
    RateLimiter.Permit second = limiter.acquire(A);
    assertGranted(first);
    assertGranted(second);
    limiter.release(first, false); // answered at once
    limiter.release(second, false);

    assertRefused(limiter.acquire(A), "a permit 60 s away is beyond the 10 s bound");
    assertEquals(start, clock.nanoTime(), "refusal does not wait");

    clock.advance(Duration.ofSeconds(55));
    RateLimiter.Permit permit = limiter.acquire(A);
    assertGranted(permit);
    assertEquals(start + 60 * SECOND, permit.slot);
    assertEquals(start + 60 * SECOND, clock.nanoTime(), "waited for the slot");
  }

  @Test
  void theWindowCountsFromWhenTheOldRequestFinished() throws Exception {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(10), Duration.ofDays(1), clock);
    long start = clock.nanoTime();
    RateLimiter.Permit slow = limiter.acquire(A);
    RateLimiter.Permit fast = limiter.acquire(A);
    limiter.release(fast, false);
    clock.advance(Duration.ofSeconds(3));
    limiter.release(slow, false);

    // Kit may have counted the slow request as late as its answer: 3 s + 10 s.
    assertEquals(start + 13 * SECOND, limiter.acquire(A).slot);
    assertEquals(start + 13 * SECOND, clock.nanoTime());
    assertEquals(
        start + 13 * SECOND, limiter.acquire(A).slot, "the fast one freed its place at 10 s");
  }

  @Test
  void backsOffExponentiallyAfter429sAndRecoversOnSuccess() throws Exception {
    // 60 per 60 s: the first back-off is the mean spacing, 1 s.
    RateLimiter limiter = new RateLimiter(60, Duration.ofSeconds(60), Duration.ofDays(1), clock);
    long t = clock.nanoTime();
    limiter.release(limiter.acquire(A), true);
    RateLimiter.Permit p = limiter.acquire(A);
    assertEquals(t + SECOND, p.slot);
    limiter.release(p, true);
    p = limiter.acquire(A);
    assertEquals(t + 3 * SECOND, p.slot, "second 429 in a row: 2 s");
    limiter.release(p, true);
    assertEquals(t + 3 * SECOND, limiter.acquire(B).slot, "other keys are not paused");
    p = limiter.acquire(A);
    assertEquals(t + 7 * SECOND, p.slot, "third: 4 s");
    limiter.release(p, false);
    assertEquals(t + 7 * SECOND, limiter.acquire(A).slot, "a success ends the back-off");
  }

  @Test
  void aCallerAlreadyWaitingAlsoHonoursA429SeenMeanwhile() throws Exception {
    // 2 per 10 s: the first back-off is 5 s.
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(10), Duration.ofDays(1), clock);
    long t = clock.nanoTime();
    RateLimiter.Permit first = limiter.acquire(A);
    limiter.release(first, false);
    RateLimiter.Permit second = limiter.acquire(A); // still in flight below
    clock.duringNextSleep(
        () -> {
          clock.advance(Duration.ofSeconds(7));
          limiter.release(second, true); // Kit said 429 at t + 7 s: paused until t + 12 s
        });

    RateLimiter.Permit third = limiter.acquire(A);

    assertEquals(t + 10 * SECOND, third.slot, "a window after the first request");
    assertEquals(t + 12 * SECOND, clock.nanoTime(), "slept on to the end of the pause");
  }

  @Test
  void aQueuedCallerGivesUpWhenThePauseOutlastsTheBound() throws Exception {
    // 3 per 30 s: back-offs of 10 s, then 20 s. Callers wait at most 5 s.
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(30), Duration.ofSeconds(5), clock);
    long t = clock.nanoTime();
    limiter.release(limiter.acquire(A), false);
    RateLimiter.Permit second = limiter.acquire(A);
    RateLimiter.Permit third = limiter.acquire(A);
    clock.advance(Duration.ofSeconds(26));
    clock.duringNextSleep(
        () -> {
          clock.advance(Duration.ofSeconds(1));
          limiter.release(second, true);
          limiter.release(third, true); // paused until t + 27 s + 20 s
        });

    RateLimiter.Permit refused = limiter.acquire(A);
    assertRefused(refused, "woke at t + 30 s facing a 17 s pause, beyond the 5 s bound");
    assertEquals(17 * SECOND, refused.refusedWaitNanos());
    assertEquals(
        t + 30 * SECOND, clock.nanoTime(), "gave up on waking, did not sleep the pause out");
  }

  @Test
  void backOffIsCappedAtOneWindow() throws Exception {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(10), Duration.ofDays(1), clock);
    RateLimiter.Permit p = null;
    for (int i = 0; i < 40; i++) {
      p = limiter.acquire(A);
      limiter.release(p, true);
    }
    long before = clock.nanoTime();
    assertTrue(limiter.acquire(A).slot - before <= 10 * SECOND);
  }

  @Test
  void keysAreLimitedSeparately() throws Exception {
    RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(60), Duration.ZERO, clock);
    assertGranted(limiter.acquire(A));
    assertGranted(limiter.acquire(B));
    assertRefused(
        limiter.acquire(KitCredential.v3Secret(" secret-b ")), "equal secrets share one budget");
    assertRefused(limiter.acquire(A));
  }

  static void assertGranted(RateLimiter.Permit permit) {
    assertTrue(permit.isGranted(), "refused");
  }

  static void assertRefused(RateLimiter.Permit permit, String message) {
    assertFalse(permit.isGranted(), message);
  }

  static void assertRefused(RateLimiter.Permit permit) {
    assertFalse(permit.isGranted(), "granted");
  }

  @Test
  void aRefusalSaysHowLongAPermitWouldTakeAndDelayReservesNothing() throws Exception {
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(60), Duration.ofSeconds(10), clock);
    assertEquals(0, limiter.delayNanos(A), "an unknown secret may go at once");
    assertEquals(0, limiter.trackedKeys(), "asking created nothing");
    limiter.release(limiter.acquire(A), false);
    assertEquals(0, limiter.delayNanos(A));
    limiter.release(limiter.acquire(A), false);
    clock.advance(Duration.ofSeconds(15));

    assertEquals(45 * SECOND, limiter.delayNanos(A));
    assertEquals(45 * SECOND, limiter.delayNanos(A), "asking twice reserved nothing");
    RateLimiter.Permit refused = limiter.acquire(A);
    assertRefused(refused);
    assertEquals(45 * SECOND, refused.refusedWaitNanos());
    assertEquals(0, limiter.delayNanos(B));

    clock.advance(Duration.ofSeconds(40));
    assertEquals(5 * SECOND, limiter.delayNanos(A));
    assertGranted(limiter.acquire(A));
  }

  @Test
  void aPauseAfterA429IsPartOfTheDelay() throws Exception {
    RateLimiter limiter = new RateLimiter(60, Duration.ofSeconds(60), Duration.ofDays(1), clock);
    limiter.release(limiter.acquire(A), true);
    assertEquals(SECOND, limiter.delayNanos(A), "paused 1 s after a first 429");
  }

  @Test
  void secretsUnusedForAWindowAreForgotten() throws Exception {
    RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(60), Duration.ofDays(1), clock);
    for (int i = 0; i < 1000; i++) {
      limiter.release(limiter.acquire(KitCredential.v3Secret("replaced-" + i)), false);
    }
    assertEquals(1000, limiter.trackedKeys());
    RateLimiter.Permit inFlight = limiter.acquire(B);
    clock.advance(Duration.ofSeconds(61));

    limiter.release(limiter.acquire(A), false);

    assertEquals(2, limiter.trackedKeys(), "only A (just used) and B (still in flight) are kept");
    limiter.release(inFlight, false);
    clock.advance(Duration.ofSeconds(61));
    limiter.release(limiter.acquire(A), false);
    assertEquals(1, limiter.trackedKeys());
  }

  @Test
  void forgettingASecretNeverLoosensItsLimit() throws Exception {
    // 2 per 60 s; the sweep runs while A is still held back by its window: A must be kept.
    RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(60), Duration.ZERO, clock);
    limiter.release(limiter.acquire(A), false);
    clock.advance(Duration.ofSeconds(30));
    limiter.release(limiter.acquire(A), false);
    clock.advance(Duration.ofSeconds(31)); // the first left the window, the second has not

    limiter.release(limiter.acquire(B), false); // sweeps

    assertGranted(limiter.acquire(A));
    assertRefused(limiter.acquire(A), "the call 30 s ago still counts");
  }

  @Test
  void unlimitedNeverWaits() throws Exception {
    RateLimiter limiter = RateLimiter.unlimited();
    for (int i = 0; i < 10_000; i++) assertGranted(limiter.acquire(A));
    assertEquals(0, limiter.delayNanos(A));
  }
}

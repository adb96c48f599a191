package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plan of several requests (v4's Add Tag: the upsert, then a request per tag) gets a permit for
 * each from the limiter at once, or none: concurrent plans never share out a window's last permits
 * and stop half-way; the permits a plan leaves unused stay counted, as any permit not sent.
 */
class PlanPermitsReservedTogetherTest {
  static final KitCredential KEY = KitCredential.v4ApiKey("kit_plan_key");
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  final FakeClock clock = new FakeClock();

  /** Limit 5 in 60 s, one request already answered: 4 permits left in the window. */
  RateLimiter withFourLeft() throws Exception {
    RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
    limiter.release(limiter.acquire(KEY), false);
    return limiter;
  }

  @Test
  void twoConcurrentThreePermitPlansWithFourPermitsLeftDoNotBothStart() throws Exception {
    RateLimiter limiter = withFourLeft();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RateLimiter.Reservation>> plans = new ArrayList<Future<RateLimiter.Reservation>>();
    for (int i = 0; i < 2; i++) {
      plans.add(
          pool.submit(
              () -> {
                go.await();
                return limiter.reserve(KEY, 3);
              }));
    }
    go.countDown();
    RateLimiter.Reservation first = plans.get(0).get(10, TimeUnit.SECONDS);
    RateLimiter.Reservation second = plans.get(1).get(10, TimeUnit.SECONDS);
    pool.shutdown();

    assertTrue(first.isGranted() != second.isGranted(), "exactly one plan starts");
    RateLimiter.Reservation started = first.isGranted() ? first : second;
    RateLimiter.Reservation refused = first.isGranted() ? second : first;
    assertTrue(
        refused.refusal().refusedWaitNanos() >= 59 * SECOND,
        "its last permit would be a window away: " + refused.refusal().refusedWaitNanos());
    long now = clock.nanoTime();
    for (int i = 0; i < 3; i++) {
      RateLimiter.Permit p = started.take();
      assertTrue(p.isGranted(), "request " + i + " of the plan that started");
      assertEquals(now, p.slot, "all three fit the window at once");
      limiter.release(p, false);
    }
    started.close();
    RateLimiter.Permit single = limiter.acquire(KEY);
    assertTrue(single.isGranted(), "the refused plan took nothing: the 4th permit is still free");
    assertFalse(limiter.acquire(KEY).isGranted(), "and then the window is full");
  }

  @Test
  void aPlanWhoseLastPermitIsBeyondTheBoundTakesNoneOfThem() throws Exception {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
    limiter.release(limiter.acquire(KEY), false);
    RateLimiter.Reservation plan = limiter.reserve(KEY, 3);
    assertFalse(plan.isGranted(), "2 permits left, 3 needed");
    assertEquals(60 * SECOND, plan.refusal().refusedWaitNanos(), "the third is a window away");
    assertTrue(limiter.acquire(KEY).isGranted());
    assertTrue(limiter.acquire(KEY).isGranted(), "both free permits are still there");
  }

  @Test
  void aPlanThatFitsWithinTheBoundWaitsForItsLastSlot() throws Exception {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), Duration.ofDays(1), clock);
    long t0 = clock.nanoTime();
    limiter.release(limiter.acquire(KEY), false);
    clock.advance(Duration.ofSeconds(10));
    RateLimiter.Reservation plan = limiter.reserve(KEY, 3);
    assertTrue(plan.isGranted());
    long[] slots = new long[3];
    for (int i = 0; i < 3; i++) {
      RateLimiter.Permit p = plan.take();
      slots[i] = p.slot;
      limiter.release(p, false);
    }
    plan.close();
    assertEquals(t0 + 10 * SECOND, slots[0]);
    assertEquals(t0 + 10 * SECOND, slots[1]);
    assertEquals(t0 + 60 * SECOND, slots[2], "a window after the request it follows");
    assertEquals(t0 + 60 * SECOND, clock.nanoTime(), "waited for it");
  }

  @Test
  void permitsAPlanLeavesUnusedStayCountedInTheWindow() throws Exception {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
    RateLimiter.Reservation plan = limiter.reserve(KEY, 3);
    RateLimiter.Permit upsert = plan.take();
    limiter.release(upsert, false); // Kit refused the upsert: the plan stops here
    plan.close();
    RateLimiter.Permit next = limiter.acquire(KEY);
    assertFalse(next.isGranted(), "the two unsent permits still hold their slots");
    assertEquals(60 * SECOND, next.refusedWaitNanos());
    clock.advance(Duration.ofSeconds(60));
    assertTrue(limiter.acquire(KEY).isGranted(), "a window later they are free again");
  }

  @Test
  void a429MeanwhileHoldsThePlansLaterRequestsToo() throws Exception {
    // 60 per 60 s: a first 429 pauses the key for 1 s.
    RateLimiter limiter = new RateLimiter(60, Duration.ofSeconds(60), Duration.ofDays(1), clock);
    long t0 = clock.nanoTime();
    RateLimiter.Reservation plan = limiter.reserve(KEY, 2);
    RateLimiter.Permit upsert = plan.take();
    assertEquals(t0, upsert.slot);
    limiter.release(limiter.acquire(KEY), true); // meanwhile another caller's request: 429
    limiter.release(upsert, false);
    assertEquals(t0, clock.nanoTime());
    RateLimiter.Permit tag = plan.take();
    assertTrue(tag.isGranted());
    assertEquals(t0 + SECOND, clock.nanoTime(), "the tag's request waited out the pause");
    limiter.release(tag, false);
    plan.close();

    RateLimiter strict = new RateLimiter(60, Duration.ofSeconds(60), Duration.ZERO, clock);
    RateLimiter.Reservation cut = strict.reserve(KEY, 2);
    strict.release(cut.take(), true); // the plan's own upsert: 429
    assertFalse(cut.take().isGranted(), "a pause beyond the bound refuses the rest");
    cut.close();
  }

  @Test
  void aPlanLongerThanTheLimitReservesTheLimitAndTheRestGoOneByOne() throws Exception {
    RateLimiter limiter = new RateLimiter(3, Duration.ofSeconds(60), Duration.ofSeconds(1), clock);
    RateLimiter.Reservation plan = limiter.reserve(KEY, 5);
    assertTrue(plan.isGranted(), "the first 3 fit one window");
    for (int i = 0; i < 3; i++) limiter.release(plan.take(), false);
    assertFalse(plan.take().isGranted(), "the 4th needs the next window, beyond the bound");
    plan.close();
  }
}

package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Requests another process made with a key (connecting a new Kit account on the admin node) take
 * places of this limiter's window until they leave it, counted once however often they are told,
 * and a limiter says which of its own requests are still in the window so that another process can
 * count them.
 */
class CallsMadeElsewhereTest {
  static final KitCredential KEY = KitCredential.v3Secret("secret-a");
  static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  final FakeClock clock = new FakeClock();
  final RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(10), Duration.ofDays(1), clock);

  @Test
  void requestsMadeElsewhereTakePlacesOfTheWindowUntilTheyLeaveIt() throws Exception {
    long t0 = clock.nanoTime();
    // Two requests made elsewhere, the last leaving Kit's window in 4 s.
    limiter.countMadeElsewhere(KEY, 2, 4 * SECOND);
    limiter.countMadeElsewhere(KEY, 2, 4 * SECOND); // told again (the next drain): not twice
    for (int i = 0; i < 3; i++) release(limiter.acquire(KEY));
    assertEquals(t0, clock.nanoTime(), "3 of 5 go at once");
    RateLimiter.Permit fourth = limiter.acquire(KEY);
    assertEquals(t0 + 4 * SECOND, fourth.slot, "the fourth waits for the others to leave");
    release(fourth);
    RateLimiter.Permit fifth = limiter.acquire(KEY);
    assertEquals(t0 + 4 * SECOND, fifth.slot, "then the whole window is ours");
    release(fifth);
  }

  @Test
  void aLimiterSaysWhichOfItsRequestsAreStillInTheWindow() throws Exception {
    assertArrayEquals(new long[] {0, 0}, limiter.recent(KEY));
    long t0 = clock.nanoTime();
    release(limiter.acquire(KEY));
    clock.advance(Duration.ofSeconds(3));
    release(limiter.acquire(KEY));
    assertArrayEquals(new long[] {2, 10 * SECOND}, limiter.recent(KEY));
    clock.advance(Duration.ofSeconds(8)); // the first left the window
    assertArrayEquals(new long[] {1, 2 * SECOND}, limiter.recent(KEY));
    limiter.countMadeElsewhere(KEY, 2, 5 * SECOND);
    assertArrayEquals(new long[] {3, 5 * SECOND}, limiter.recent(KEY));
    clock.advance(Duration.ofSeconds(5));
    assertArrayEquals(new long[] {0, 0}, limiter.recent(KEY));
    assertEquals(t0 + 16 * SECOND, clock.nanoTime());
  }

  private void release(RateLimiter.Permit permit) {
    limiter.release(permit, false);
  }
}

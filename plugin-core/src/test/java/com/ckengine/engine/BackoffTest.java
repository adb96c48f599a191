package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesWithJitterBetweenHalfAndFullAndIsCapped() {
    Backoff b = new Backoff(1000, 60000, new Random(1));
    for (int attempt = 1; attempt <= 40; attempt++) {
      long full = Math.min(60000, 1000L << Math.min(attempt - 1, 30));
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < 200; i++) {
        long d = b.delayMillis(attempt);
        assertTrue(d >= full / 2 && d <= full, attempt + ": " + d);
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      assertTrue(max - min > full / 4, "jitter spreads retries: " + min + ".." + max);
    }
  }
}

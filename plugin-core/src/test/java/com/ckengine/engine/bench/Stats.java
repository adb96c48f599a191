package com.ckengine.engine.bench;

import java.util.Arrays;

/** Percentiles of a sample of durations in nanoseconds. */
final class Stats {
  private final long[] sorted;

  Stats(long[] nanos, int count) {
    this.sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
  }

  double percentileMillis(double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
  }

  String summary() {
    return String.format(
        "n=%d p50=%.3f ms p95=%.3f ms p99=%.3f ms p99.9=%.3f ms max=%.3f ms",
        sorted.length,
        percentileMillis(50),
        percentileMillis(95),
        percentileMillis(99),
        percentileMillis(99.9),
        sorted[sorted.length - 1] / 1e6);
  }
}

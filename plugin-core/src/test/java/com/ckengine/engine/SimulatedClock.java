package com.ckengine.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that stands still until the test moves it: simulated days pass in seconds, and every
 * thread of the engine (delivery, retention) sees the same instant. It never goes backwards.
 */
final class SimulatedClock extends Clock {
  private final AtomicLong millis;

  SimulatedClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** Moves on by {@code d}. */
  void advance(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("time does not go backwards");
    millis.addAndGet(d.toMillis());
  }

  /** Moves on to {@code t}, or stays where it is when it is already later. */
  void moveTo(Instant t) {
    millis.accumulateAndGet(t.toEpochMilli(), Math::max);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a simulated clock is UTC only");
  }
}

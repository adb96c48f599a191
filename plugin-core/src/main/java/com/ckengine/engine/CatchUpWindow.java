package com.ckengine.engine;

import java.time.Duration;

/**
 * How far back the host's catch-up sweeps look, and so how long the integration log must remember
 * an event. A sweep (the storefront's order sweep, the refund sweep) republishes whatever it finds
 * in its look-back without a stored event; publishing is a no-op only while the event's row exists.
 * An event purged while a sweep can still see its order or refund would be published again after
 * the next start: tags put back on a customer who was refunded, taken from one who bought again.
 *
 * <p>So retention never goes below {@link #retentionFloor(Duration) the look-back plus a margin},
 * and the sweeps and the engine read one setting ({@code ckengine.sweeps.lookbackHours}, default
 * {@link #DEFAULT_LOOKBACK}).
 */
public final class CatchUpWindow {
  private CatchUpWindow() {}

  /** The sweeps' look-back unless configured: 72 hours. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofHours(72);

  /**
   * What retention keeps beyond the look-back: a sweep compares the host's times (its node's clock)
   * with events received on the engine's clock (the database's), and retention runs only hourly; a
   * day covers both with room to spare.
   */
  public static final Duration RETENTION_MARGIN = Duration.ofDays(1);

  /** The shortest retention that never purges an event a sweep with {@code lookback} can see. */
  public static Duration retentionFloor(Duration lookback) {
    return lookback.plus(RETENTION_MARGIN);
  }
}

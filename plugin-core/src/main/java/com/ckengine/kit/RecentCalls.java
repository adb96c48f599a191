package com.ckengine.kit;

import java.time.Duration;

/**
 * Requests made with one Kit credential that are still inside Kit's rate window: how many, and how
 * long until the last of them leaves it. One process reads them from its limiter ({@link
 * KitClient#recentCalls}) so that another can count them in its own ({@link
 * KitClient#countCallsMadeElsewhere}) before it calls Kit with the same credential.
 */
public final class RecentCalls {
  public static final RecentCalls NONE = new RecentCalls(0, Duration.ZERO);

  private final int count;
  private final Duration leftInWindow;

  private RecentCalls(int count, Duration leftInWindow) {
    this.count = count;
    this.leftInWindow = leftInWindow;
  }

  /**
   * @param count requests still in Kit's window (none when 0 or less)
   * @param leftInWindow how long until the last of them leaves it (none when not positive)
   */
  public static RecentCalls of(int count, Duration leftInWindow) {
    if (count <= 0 || leftInWindow.isNegative() || leftInWindow.isZero()) return NONE;
    return new RecentCalls(count, leftInWindow);
  }

  public int count() {
    return count;
  }

  public Duration leftInWindow() {
    return leftInWindow;
  }

  public boolean isNone() {
    return count == 0;
  }

  @Override
  public String toString() {
    return count + " requests, the last in Kit's window for " + leftInWindow.toMillis() + " ms";
  }
}

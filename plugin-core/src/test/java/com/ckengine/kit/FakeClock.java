package com.ckengine.kit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock whose time moves only when told to, or when a sleeper jumps it to its deadline. */
final class FakeClock implements KitClock {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return now.get();
  }

  private volatile Runnable onSleep;

  @Override
  public void sleepUntil(long deadline) {
    Runnable hook = onSleep;
    if (hook != null) {
      onSleep = null;
      hook.run();
    }
    now.accumulateAndGet(deadline, Math::max);
  }

  /** Runs {@code hook} once, at the start of the next sleep: "while the caller slept". */
  void duringNextSleep(Runnable hook) {
    this.onSleep = hook;
  }

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }
}

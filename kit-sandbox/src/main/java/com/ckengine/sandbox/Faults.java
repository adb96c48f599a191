package com.ckengine.sandbox;

/** The failures the sandbox has been told to act out. Thread-safe. */
final class Faults {
  private int failRemaining;
  private int failStatus;
  private long delayMillis;
  private int afterActingRemaining;
  private AfterActing afterActing;
  private String afterActingPath;

  synchronized void failNext(int count, int status) {
    if (count < 0) throw new IllegalArgumentException("count");
    if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx/5xx");
    failRemaining = count;
    failStatus = status;
  }

  synchronized void delay(long millis) {
    if (millis < 0) throw new IllegalArgumentException("delay");
    delayMillis = millis;
  }

  synchronized void clear() {
    failRemaining = 0;
    delayMillis = 0;
    afterActingRemaining = 0;
  }

  synchronized void afterActing(int count, AfterActing how, String pathPrefix) {
    if (count < 0) throw new IllegalArgumentException("count");
    afterActingRemaining = count;
    afterActing = how;
    afterActingPath = pathPrefix;
  }

  /** How to spoil the answer to this carried-out request, or null; counts down. */
  synchronized AfterActing takeAfterActing(String path) {
    if (afterActingRemaining == 0) return null;
    if (afterActingPath != null && !path.startsWith(afterActingPath)) return null;
    afterActingRemaining--;
    return afterActing;
  }

  /** The status to fail this request with, or 0 to serve it; counts the failure down. */
  synchronized int takeFailure() {
    if (failRemaining == 0) return 0;
    failRemaining--;
    return failStatus;
  }

  synchronized long delayMillis() {
    return delayMillis;
  }
}

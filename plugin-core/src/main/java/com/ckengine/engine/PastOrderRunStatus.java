package com.ckengine.engine;

/** Where a past-orders run stands. */
public enum PastOrderRunStatus {
  /** Feeding the outbox a window's worth at a time, on one node. */
  RUNNING,
  /** Feeds nothing more until resumed; actions already in the outbox are delivered. */
  PAUSED,
  /** Stopped by the operator; its actions not yet sent were cancelled. */
  CANCELLED,
  /** Every order read and every action it planned finished. */
  DONE;

  /** Running or paused: the integration has no room for another run. */
  public boolean isActive() {
    return this == RUNNING || this == PAUSED;
  }
}

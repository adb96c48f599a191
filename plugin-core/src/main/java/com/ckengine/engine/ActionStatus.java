package com.ckengine.engine;

/**
 * Where an action stands. PENDING and RETRYING are waiting for a worker (due now or later); the
 * others are final, except that an operator may retry a FAILED action.
 */
public enum ActionStatus {
  PENDING,
  RETRYING,
  DELIVERED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** True while the action may still be delivered by a worker. */
  public boolean isOpen() {
    return this == PENDING || this == RETRYING;
  }
}

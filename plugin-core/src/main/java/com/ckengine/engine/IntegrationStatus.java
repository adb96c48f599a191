package com.ckengine.engine;

/** Whether an integration's Kit credentials work. */
public enum IntegrationStatus {
  /** The secret was verified and Kit has not refused it since. */
  CONNECTED,
  /** Kit answered 401 for this secret: the operator must replace it. */
  NEEDS_ATTENTION
}

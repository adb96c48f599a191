package com.ckengine.api.subscription;

/** Where a subscription stands, as derived from the facts reported so far. */
public enum SubscriptionStatus {
  /** Billing normally: started, restarted, or its last charge succeeded. */
  ACTIVE,
  /** One or more charges in a row have failed, fewer than the delinquency threshold. */
  PAST_DUE,
  /** Canceled by the customer or the merchant. Ended: a restart by hand resumes it. */
  CANCELED,
  /** Too many charges in a row failed, so it ended (and counted as canceled). Restartable. */
  DELINQUENT;

  /** True for CANCELED and DELINQUENT: billing has stopped until a restart. */
  public boolean isEnded() {
    return this == CANCELED || this == DELINQUENT;
  }
}

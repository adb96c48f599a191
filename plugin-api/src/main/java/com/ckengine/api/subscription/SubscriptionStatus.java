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
  DELINQUENT,
  /**
   * A payment plan whose every payment was made: finished for good. No further charge is accepted
   * and it cannot be restarted.
   */
  COMPLETED;

  /** True for CANCELED, DELINQUENT and COMPLETED: billing has stopped. */
  public boolean isEnded() {
    return this == CANCELED || this == DELINQUENT || this == COMPLETED;
  }

  /** True for CANCELED and DELINQUENT: a restart by hand resumes billing (not for COMPLETED). */
  public boolean isRestartable() {
    return this == CANCELED || this == DELINQUENT;
  }
}

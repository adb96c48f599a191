package com.ckengine.subscription;

/** Which fact a {@link SubscriptionFactEntity} records. */
public enum FactKind {
  STARTED,
  CHARGE_SUCCEEDED,
  CHARGE_FAILED,
  CARD_UPDATED,
  CANCELED,
  RESTARTED
}

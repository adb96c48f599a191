package com.ckengine.api;

/**
 * What happened in the store. A rule fires for one trigger; every {@link StoreEvent} carries
 * exactly one.
 */
public enum Trigger {
  PRODUCT_PURCHASED("Product Purchased"),
  PRODUCT_REFUNDED("Product Refunded"),
  PRODUCT_PARTIALLY_REFUNDED("Product Partially Refunded"),
  /** A cart got an email address but has not been bought (yet). */
  PROSPECT_CREATED("Prospect Created"),
  SUBSCRIPTION_CANCELED("Subscription Canceled"),
  SUBSCRIPTION_CHARGE_FAILED("Subscription Charge Failed"),
  SUBSCRIPTION_CHARGED("Subscription Charged"),
  SUBSCRIPTION_DELINQUENT("Subscription Delinquent"),
  SUBSCRIPTION_RECOVERED("Subscription Recovered"),
  SUBSCRIPTION_RESTARTED("Subscription Restarted");

  private final String displayName;

  Trigger(String displayName) {
    this.displayName = displayName;
  }

  /** The name an operator sees, e.g. "Product Purchased". */
  public String displayName() {
    return displayName;
  }

  /** True for the triggers whose reference is an order number (the others name a subscription). */
  public boolean isOrderTrigger() {
    return this == PRODUCT_PURCHASED
        || this == PRODUCT_REFUNDED
        || this == PRODUCT_PARTIALLY_REFUNDED
        || this == PROSPECT_CREATED;
  }
}

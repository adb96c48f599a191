package com.ckengine.api.subscription;

/**
 * A fact names a subscription the plugin has not been told about: report {@link
 * SubscriptionStarted} first, then report the fact again. Nothing was recorded.
 */
public final class UnknownSubscriptionException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String subscriptionId;

  public UnknownSubscriptionException(String subscriptionId) {
    super(
        "subscription '"
            + subscriptionId
            + "' is unknown: report that it started (SubscriptionLifecycle.started) before its"
            + " charges, card updates, cancels or restarts");
    this.subscriptionId = subscriptionId;
  }

  public String subscriptionId() {
    return subscriptionId;
  }
}

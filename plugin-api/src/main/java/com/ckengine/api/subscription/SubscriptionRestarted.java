package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Someone (the customer or the merchant) restarted a canceled or delinquent subscription by hand.
 * Billing resumes; the next renewal is reported as usual. Immutable; validated when built.
 */
public final class SubscriptionRestarted {
  private final String subscriptionId;
  private final Instant restartedAt;

  private SubscriptionRestarted(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.restartedAt = b.restartedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public Instant restartedAt() {
    return restartedAt;
  }

  @Override
  public String toString() {
    return "SubscriptionRestarted{" + subscriptionId + "}";
  }

  /**
   * Builds a {@link SubscriptionRestarted}; {@link #build()} reports every invalid field at once.
   */
  public static final class Builder {
    private String subscriptionId;
    private Instant restartedAt;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder restartedAt(Instant restartedAt) {
      this.restartedAt = restartedAt;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public SubscriptionRestarted build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.required(p, "restartedAt", restartedAt);
      if (!p.isEmpty()) throw new InvalidEventException("subscription restarted", p);
      return new SubscriptionRestarted(this);
    }
  }
}

package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscription was canceled, by the customer or by the merchant. (A subscription that ends
 * because its charges kept failing is not reported this way: the plugin derives that itself from
 * the failures.) Immutable; validated when built.
 */
public final class SubscriptionCanceled {
  /** Who canceled. */
  public enum CanceledBy {
    CUSTOMER,
    MERCHANT
  }

  private final String subscriptionId;
  private final CanceledBy canceledBy;
  private final Instant canceledAt;

  private SubscriptionCanceled(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.canceledBy = b.canceledBy;
    this.canceledAt = b.canceledAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public CanceledBy canceledBy() {
    return canceledBy;
  }

  public Instant canceledAt() {
    return canceledAt;
  }

  @Override
  public String toString() {
    return "SubscriptionCanceled{" + subscriptionId + ", by " + canceledBy + "}";
  }

  /**
   * Builds a {@link SubscriptionCanceled}; {@link #build()} reports every invalid field at once.
   */
  public static final class Builder {
    private String subscriptionId;
    private CanceledBy canceledBy;
    private Instant canceledAt;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder canceledBy(CanceledBy canceledBy) {
      this.canceledBy = canceledBy;
      return this;
    }

    public Builder canceledAt(Instant canceledAt) {
      this.canceledAt = canceledAt;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public SubscriptionCanceled build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.required(p, "canceledBy", canceledBy);
      FactChecks.required(p, "canceledAt", canceledAt);
      if (!p.isEmpty()) throw new InvalidEventException("subscription canceled", p);
      return new SubscriptionCanceled(this);
    }
  }
}

package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The subscriber replaced the payment card. Fires nothing by itself; a charge that then succeeds
 * after failed ones is a recovery (Subscription Recovered). Immutable; validated when built.
 */
public final class CardUpdated {
  private final String subscriptionId;
  private final Instant updatedAt;

  private CardUpdated(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.updatedAt = b.updatedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  @Override
  public String toString() {
    return "CardUpdated{" + subscriptionId + "}";
  }

  /** Builds a {@link CardUpdated}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private String subscriptionId;
    private Instant updatedAt;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public CardUpdated build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.required(p, "updatedAt", updatedAt);
      if (!p.isEmpty()) throw new InvalidEventException("card updated", p);
      return new CardUpdated(this);
    }
  }
}

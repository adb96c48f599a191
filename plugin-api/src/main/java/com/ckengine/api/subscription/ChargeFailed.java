package com.ckengine.api.subscription;

import com.ckengine.api.InvalidEventException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A renewal charge was declined or could not be made. Reporting the same charge id again is a
 * no-op. Immutable; validated when built.
 */
public final class ChargeFailed {
  private final String subscriptionId;
  private final String chargeId;
  private final String reason;
  private final Instant failedAt;

  private ChargeFailed(Builder b) {
    this.subscriptionId = b.subscriptionId;
    this.chargeId = b.chargeId;
    this.reason = b.reason;
    this.failedAt = b.failedAt;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String subscriptionId() {
    return subscriptionId;
  }

  /** The billing module's id of this attempt, unique across all subscriptions. */
  public String chargeId() {
    return chargeId;
  }

  /** Why it failed, as the gateway said (e.g. "card declined"), or null. */
  public String reason() {
    return reason;
  }

  public Instant failedAt() {
    return failedAt;
  }

  @Override
  public String toString() {
    return "ChargeFailed{" + subscriptionId + ", charge=" + chargeId + "}";
  }

  /** Builds a {@link ChargeFailed}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private String subscriptionId;
    private String chargeId;
    private String reason;
    private Instant failedAt;

    private Builder() {}

    public Builder subscriptionId(String subscriptionId) {
      this.subscriptionId = FactChecks.trimToNull(subscriptionId);
      return this;
    }

    public Builder chargeId(String chargeId) {
      this.chargeId = FactChecks.trimToNull(chargeId);
      return this;
    }

    public Builder reason(String reason) {
      this.reason = FactChecks.trimToNull(reason);
      return this;
    }

    public Builder failedAt(Instant failedAt) {
      this.failedAt = failedAt;
      return this;
    }

    /**
     * @throws InvalidEventException naming every invalid field
     */
    public ChargeFailed build() {
      List<String> p = new ArrayList<String>();
      FactChecks.subscriptionId(p, subscriptionId);
      FactChecks.chargeId(p, chargeId);
      FactChecks.maxLength(p, "reason", reason, 255);
      FactChecks.required(p, "failedAt", failedAt);
      if (!p.isEmpty()) throw new InvalidEventException("charge failed", p);
      return new ChargeFailed(this);
    }
  }
}

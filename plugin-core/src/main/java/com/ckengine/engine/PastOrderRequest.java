package com.ckengine.engine;

import java.time.Instant;

/**
 * What the operator asks of "Past Orders": an integration, a range of submit times [from, to),
 * which of its Product Purchased rules ({@link RuleChoice}, with the rule or product id it names),
 * and whether refunded and test orders are left out. Checked against the stored integrations and
 * rules by {@link PastOrders}; this class holds the values only.
 */
public final class PastOrderRequest {
  private final long integrationId;
  private final Instant from;
  private final Instant to;
  private final RuleChoice choice;
  private final Long choiceId;
  private final boolean excludeRefunded;
  private final boolean excludeTest;

  private PastOrderRequest(Builder b) {
    this.integrationId = b.integrationId;
    this.from = b.from;
    this.to = b.to;
    this.choice = b.choice;
    this.choiceId = b.choiceId;
    this.excludeRefunded = b.excludeRefunded;
    this.excludeTest = b.excludeTest;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long integrationId() {
    return integrationId;
  }

  /** Submitted at or after; null when the operator gave none (refused by {@link PastOrders}). */
  public Instant from() {
    return from;
  }

  /** Submitted before; null when the operator gave none. */
  public Instant to() {
    return to;
  }

  public RuleChoice choice() {
    return choice;
  }

  /** The rule id (ONE_RULE) or product id (PRODUCT_RULES); null otherwise. */
  public Long choiceId() {
    return choiceId;
  }

  public boolean excludeRefunded() {
    return excludeRefunded;
  }

  public boolean excludeTest() {
    return excludeTest;
  }

  @Override
  public String toString() {
    return "integration "
        + integrationId
        + ", "
        + from
        + " to "
        + to
        + ", "
        + choice
        + (choiceId == null ? "" : " " + choiceId)
        + (excludeRefunded ? ", without refunded" : "")
        + (excludeTest ? ", without test orders" : "");
  }

  /** Builds a request; every value may be missing, {@link PastOrders} says which is. */
  public static final class Builder {
    private long integrationId;
    private Instant from;
    private Instant to;
    private RuleChoice choice;
    private Long choiceId;
    private boolean excludeRefunded;
    private boolean excludeTest;

    public Builder integrationId(long id) {
      this.integrationId = id;
      return this;
    }

    public Builder range(Instant from, Instant to) {
      this.from = from;
      this.to = to;
      return this;
    }

    public Builder oneRule(long ruleId) {
      this.choice = RuleChoice.ONE_RULE;
      this.choiceId = ruleId;
      return this;
    }

    public Builder productRules(long productId) {
      this.choice = RuleChoice.PRODUCT_RULES;
      this.choiceId = productId;
      return this;
    }

    public Builder allPurchasedRules() {
      this.choice = RuleChoice.ALL_PURCHASED;
      this.choiceId = null;
      return this;
    }

    /** The choice as a form posts it; a null choice is refused by {@link PastOrders}. */
    public Builder rules(RuleChoice choice, Long id) {
      this.choice = choice;
      this.choiceId = id;
      return this;
    }

    public Builder excludeRefunded(boolean b) {
      this.excludeRefunded = b;
      return this;
    }

    public Builder excludeTest(boolean b) {
      this.excludeTest = b;
      return this;
    }

    public PastOrderRequest build() {
      return new PastOrderRequest(this);
    }
  }
}

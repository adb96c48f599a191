package com.ckengine.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rule as an operator sees it: when {@link #trigger()} happens (for {@link #productId() one
 * product}, or for any product when the rule is global), do {@link #action()} with these {@link
 * #tags()} in the Kit account of {@link #integrationId()}. Immutable; free of persistence types so
 * hosts and admin screens can reason about rules directly.
 */
public final class RuleDefinition {
  /**
   * The most tags one rule holds: far more than a customer is usefully tagged with at once, and few
   * enough that a rule's tags fit one Kit call and one screen. Several rules of one trigger may
   * together name more; the engine stores any number of tags per action.
   */
  public static final int MAX_TAGS = 50;

  private final Long id;
  private final Trigger trigger;
  private final long integrationId;
  private final ActionType action;
  private final List<RuleTag> tags;
  private final RuleTarget target;
  private final Long productId;
  private final boolean enabled;

  private RuleDefinition(Builder b) {
    this.id = b.id;
    this.trigger = b.trigger;
    this.integrationId = b.integrationId;
    this.action = b.action;
    this.tags = Collections.unmodifiableList(new ArrayList<RuleTag>(b.tags));
    this.target = b.target;
    this.productId = b.productId;
    this.enabled = b.enabled;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this rule's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.trigger = trigger;
    b.integrationId = integrationId;
    b.action = action;
    b.tags.addAll(tags);
    b.target = target;
    b.productId = productId;
    b.enabled = enabled;
    return b;
  }

  /**
   * What this rule breaks of the bounds on making a rule ({@link #MAX_TAGS}, {@link
   * RuleTag#problem}), for the operator; empty when it keeps them. Only a rule read back with
   * {@link Builder#buildStored()} can break them: one saved before a bound existed. It keeps
   * working as saved; saving an edit of it needs the bounds kept.
   */
  public List<String> boundsProblems() {
    List<String> p = new ArrayList<String>();
    if (tags.size() > MAX_TAGS) {
      p.add("a rule holds at most " + MAX_TAGS + " tags; this one has " + tags.size());
    }
    for (RuleTag t : tags) {
      String problem = RuleTag.problem(t.name());
      if (problem != null) p.add(problem);
    }
    return p;
  }

  /** The stored rule's id, or null for a rule not saved yet. */
  public Long id() {
    return id;
  }

  public Trigger trigger() {
    return trigger;
  }

  public long integrationId() {
    return integrationId;
  }

  public ActionType action() {
    return action;
  }

  /** The tags, empty for an action that takes none ({@link ActionType#usesTags()}). */
  public List<RuleTag> tags() {
    return tags;
  }

  /**
   * The form or sequence of an action that takes one ({@link ActionType#usesTarget()}), else null.
   */
  public RuleTarget target() {
    return target;
  }

  /** The product this rule is scoped to, or null for a global rule. */
  public Long productId() {
    return productId;
  }

  public boolean isGlobal() {
    return productId == null;
  }

  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RuleDefinition)) return false;
    RuleDefinition r = (RuleDefinition) o;
    return eq(id, r.id)
        && trigger == r.trigger
        && integrationId == r.integrationId
        && action == r.action
        && tags.equals(r.tags)
        && eq(target, r.target)
        && eq(productId, r.productId)
        && enabled == r.enabled;
  }

  @Override
  public int hashCode() {
    return ((trigger.hashCode() * 31 + action.hashCode()) * 31 + tags.hashCode()) * 31
        + (int) integrationId;
  }

  @Override
  public String toString() {
    return "Rule{"
        + (id == null ? "new" : id)
        + ": "
        + trigger.displayName()
        + " / "
        + (productId == null ? "global" : "product " + productId)
        + " -> "
        + action.displayName()
        + " "
        + (target == null ? tags : target)
        + " in integration "
        + integrationId
        + (enabled ? "" : ", disabled")
        + "}";
  }

  private static boolean eq(Object a, Object b) {
    return a == null ? b == null : a.equals(b);
  }

  /** Builds a {@link RuleDefinition}. Enabled and global unless told otherwise. */
  public static final class Builder {
    private Long id;
    private Trigger trigger;
    private Long integrationId;
    private ActionType action;
    private final List<RuleTag> tags = new ArrayList<RuleTag>();
    private RuleTarget target;
    private Long productId;
    private boolean enabled = true;

    private Builder() {}

    public Builder id(Long id) {
      this.id = id;
      return this;
    }

    public Builder trigger(Trigger trigger) {
      this.trigger = trigger;
      return this;
    }

    public Builder integrationId(long integrationId) {
      this.integrationId = integrationId;
      return this;
    }

    public Builder action(ActionType action) {
      this.action = action;
      return this;
    }

    public Builder addTag(RuleTag tag) {
      if (tag == null) throw new IllegalArgumentException("tag is null");
      this.tags.add(tag);
      return this;
    }

    /** Adds a tag known by name only. */
    public Builder addTag(String name) {
      return addTag(RuleTag.named(name));
    }

    public Builder tags(List<RuleTag> tags) {
      this.tags.clear();
      for (RuleTag t : tags) addTag(t);
      return this;
    }

    /** The form or sequence an action that takes one subscribes to; null for none. */
    public Builder target(RuleTarget target) {
      this.target = target;
      return this;
    }

    /** Scopes the rule to one product; null makes it global. */
    public Builder productId(Long productId) {
      this.productId = productId;
      return this;
    }

    public Builder global() {
      this.productId = null;
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming every missing or inconsistent field
     */
    public RuleDefinition build() {
      return build(true);
    }

    /**
     * Builds a rule read back from storage: everything {@link #build()} checks except the bounds on
     * making one ({@link #MAX_TAGS}), so a rule saved before a bound existed keeps working as it
     * was saved ({@link RuleDefinition#boundsProblems()} says what it breaks). Pair with {@link
     * RuleTag#stored}.
     *
     * @throws IllegalArgumentException naming every missing or inconsistent field
     */
    public RuleDefinition buildStored() {
      return build(false);
    }

    private RuleDefinition build(boolean bounds) {
      List<String> p = new ArrayList<String>();
      Checks.required(p, "trigger", trigger);
      Checks.required(p, "integrationId", integrationId);
      Checks.required(p, "action", action);
      if (action != null && action.usesTags() && tags.isEmpty()) {
        p.add(action.displayName() + " needs at least one tag");
      }
      if (bounds && tags.size() > MAX_TAGS) {
        p.add("a rule holds at most " + MAX_TAGS + " tags; this one has " + tags.size());
      }
      if (action != null && !action.usesTags() && !tags.isEmpty()) {
        p.add(action.displayName() + " takes no tags");
      }
      if (action != null && action.usesTarget() && target == null) {
        p.add(action.displayName() + " needs a " + targetWord(action));
      }
      if (action != null && !action.usesTarget() && target != null) {
        p.add(action.displayName() + " takes no form or sequence");
      }
      if (trigger != null && action != null && !trigger.allows(action)) {
        p.add(action.refusal(trigger));
      }
      if (!p.isEmpty()) throw new IllegalArgumentException("rule is invalid: " + join(p));
      return new RuleDefinition(this);
    }

    private static String targetWord(ActionType action) {
      return action.takes() == ActionType.Takes.FORM ? "form" : "sequence";
    }

    private static String join(List<String> p) {
      StringBuilder b = new StringBuilder();
      for (String s : p) b.append(b.length() == 0 ? "" : "; ").append(s);
      return b.toString();
    }
  }
}

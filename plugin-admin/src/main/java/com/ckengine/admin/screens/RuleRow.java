package com.ckengine.admin.screens;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.engine.Integration;
import java.util.Map;

/** One rule as the rule lists show it. */
public final class RuleRow {
  private final RuleDefinition rule;
  private final Integration integration;

  RuleRow(RuleDefinition rule, Map<Long, Integration> integrations) {
    this.rule = rule;
    this.integration = integrations.get(rule.integrationId());
  }

  public long getId() {
    return rule.id();
  }

  public String getTrigger() {
    return rule.trigger().displayName();
  }

  public String getAction() {
    return rule.action().displayName();
  }

  /** The tags, or for Add Subscriber To Form / To Sequence the form or sequence by name. */
  public String getTags() {
    if (rule.target() != null) return TargetNames.describe(rule.action(), rule.target().name());
    StringBuilder b = new StringBuilder();
    for (RuleTag t : rule.tags()) b.append(b.length() == 0 ? "" : ", ").append(t.name());
    return b.toString();
  }

  /**
   * What the rule breaks of the bounds on making a rule (saved before a bound existed), for a note
   * beside its tags; null when it keeps them. It keeps working as saved; an edit must fix it.
   */
  public String getBoundsNote() {
    java.util.List<String> p = rule.boundsProblems();
    if (p.isEmpty()) return null;
    return "Saved before today's limits: "
        + String.join("; ", p)
        + ". It keeps working as saved; fix this when you edit it.";
  }

  public String getScope() {
    return rule.isGlobal() ? "All products" : "Product " + rule.productId();
  }

  public Long getProductId() {
    return rule.productId();
  }

  public boolean isGlobal() {
    return rule.isGlobal();
  }

  public String getIntegration() {
    return integration == null
        ? "(deleted integration #" + rule.integrationId() + ")"
        : integration.label();
  }

  /** True when the rule's integration was deleted: the rule is kept, disabled. */
  public boolean isIntegrationDeleted() {
    return integration == null;
  }

  public boolean isEnabled() {
    return rule.isEnabled();
  }

  public String getState() {
    if (rule.isEnabled()) return "Enabled";
    return integration == null ? "Disabled: its integration was deleted" : "Disabled";
  }

  public RuleDefinition definition() {
    return rule;
  }
}

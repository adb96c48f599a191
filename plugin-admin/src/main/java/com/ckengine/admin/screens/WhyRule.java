package com.ckengine.admin.screens;

import com.ckengine.engine.RuleVerdict;

/** One rule's line in Logs' "Why?": the rule, its verdict, and links to where it is fixed. */
public final class WhyRule {
  private final RuleVerdict v;

  WhyRule(RuleVerdict v) {
    this.v = v;
  }

  public Long getRuleId() {
    return v.ruleId();
  }

  /** The rule in words: trigger, integration, action, tags, scope. */
  public String getRule() {
    return v.rule();
  }

  /** What it did for the event, in words. */
  public String getVerdict() {
    return v.verdict();
  }

  /** The verdict's kind, e.g. DISABLED (for the page's styling and tests). */
  public String getKind() {
    return v.kind().name();
  }

  /** True when the rule planned one of the event's actions. */
  public boolean isApplied() {
    return v.kind() == RuleVerdict.Kind.LED_TO_ACTION;
  }

  /** Whether the rule can be opened (it still exists). */
  public boolean isRuleLink() {
    return v.ruleExists() && v.ruleId() != null;
  }

  public Long getIntegrationId() {
    return v.integrationId();
  }

  /** Whether the integration's Edit page can be opened (it still exists). */
  public boolean isIntegrationLink() {
    return v.integrationExists() && v.integrationId() != null;
  }

  /** The first action the rule planned, for the entry's link; null when none. */
  public Long getActionId() {
    return v.actionIds().isEmpty() ? null : v.actionIds().get(0);
  }
}

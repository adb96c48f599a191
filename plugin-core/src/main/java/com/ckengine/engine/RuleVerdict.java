package com.ckengine.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Logs' "Why?" for one rule and one event: which rule (as it stands now, or as the event's actions
 * recorded it when it was deleted since), and, in plain words, what it did for the event.
 * Immutable.
 */
public final class RuleVerdict {
  /** What the rule did for the event; the sentence says it in words. */
  public enum Kind {
    /** The rule planned one or more of the event's actions; their outcome follows. */
    LED_TO_ACTION,
    /** The rule is disabled (and did not plan anything for the event). */
    DISABLED,
    /** The rule is for a product the event did not have. */
    OUT_OF_SCOPE,
    /** The rule did not exist when the event came. */
    CREATED_AFTER,
    /** The rule was changed after the event; as it stands now it would apply. */
    CHANGED_AFTER,
    /** The rule's integration was deleted (its rules are kept, disabled). */
    INTEGRATION_DELETED,
    /** The rule applies as it stands and nothing says why no action names it. */
    UNEXPLAINED
  }

  private final Long ruleId;
  private final boolean ruleExists;
  private final String rule;
  private final Long integrationId;
  private final boolean integrationExists;
  private final Kind kind;
  private final List<Long> actionIds;
  private final String verdict;

  RuleVerdict(
      Long ruleId,
      boolean ruleExists,
      String rule,
      Long integrationId,
      boolean integrationExists,
      Kind kind,
      List<Long> actionIds,
      String verdict) {
    this.ruleId = ruleId;
    this.ruleExists = ruleExists;
    this.rule = rule;
    this.integrationId = integrationId;
    this.integrationExists = integrationExists;
    this.kind = kind;
    this.actionIds = Collections.unmodifiableList(new ArrayList<Long>(actionIds));
    this.verdict = verdict;
  }

  /** The rule's id; null for the "no rule matched" row of an event no rule applied to. */
  public Long ruleId() {
    return ruleId;
  }

  /** Whether the rule still exists (the admin links to it only then). */
  public boolean ruleExists() {
    return ruleExists;
  }

  /**
   * The rule in words: trigger, integration, action, tags and scope, e.g. {@code Product Purchased,
   * Main: Add Tag To Subscriber "vip" (product 7)}.
   */
  public String rule() {
    return rule;
  }

  /** The rule's integration; null when unknown. */
  public Long integrationId() {
    return integrationId;
  }

  /** Whether the integration still exists (the admin links to its Edit only then). */
  public boolean integrationExists() {
    return integrationExists;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * The actions of the event the rule planned, ascending; empty unless {@link Kind#LED_TO_ACTION}.
   */
  public List<Long> actionIds() {
    return actionIds;
  }

  /**
   * The verdict in plain words, e.g. "led to action 12: DELIVERED at 2024-05-01 10:00:03 UTC" or
   * "did not apply: the rule is for product 7; the order had Book (product 9)". Holds the
   * customer's and Kit's text as data: a page escapes it.
   */
  public String verdict() {
    return verdict;
  }

  @Override
  public String toString() {
    return "rule " + ruleId + " (" + rule + "): " + kind + ": " + verdict;
  }
}

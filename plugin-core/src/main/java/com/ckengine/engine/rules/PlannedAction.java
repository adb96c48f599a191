package com.ckengine.engine.rules;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleTag;
import com.ckengine.api.RuleTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One Kit call (or, for tag removal, one group of calls) the rules ask for: an action for one
 * integration with its coalesced tags (or its form or sequence), the rules that asked for it, and,
 * when the action is not to be delivered, why.
 */
public final class PlannedAction {
  private final long integrationId;
  private final ActionType type;
  private final List<RuleTag> tags;
  private final RuleTarget target;
  private final List<Long> ruleIds;
  private final String scope;
  private final String skipReason;

  PlannedAction(
      long integrationId,
      ActionType type,
      List<RuleTag> tags,
      RuleTarget target,
      List<Long> ruleIds,
      String scope,
      String skipReason) {
    this.integrationId = integrationId;
    this.type = type;
    this.tags = Collections.unmodifiableList(new ArrayList<RuleTag>(tags));
    this.target = target;
    this.ruleIds = Collections.unmodifiableList(new ArrayList<Long>(ruleIds));
    this.scope = scope;
    this.skipReason = skipReason;
  }

  public long integrationId() {
    return integrationId;
  }

  public ActionType type() {
    return type;
  }

  /** Distinct tags (by case-insensitive name), empty for purchases. */
  public List<RuleTag> tags() {
    return tags;
  }

  /** The form or sequence of a kind that takes one, else null. */
  public RuleTarget target() {
    return target;
  }

  /** The rules that asked for this action, ascending. */
  public List<Long> ruleIds() {
    return ruleIds;
  }

  /** "global", "product 7" or "product 7, global": which rule scopes asked for it. */
  public String scope() {
    return scope;
  }

  /** Why the action is logged but not delivered, or null when it is to be delivered. */
  public String skipReason() {
    return skipReason;
  }

  public boolean isSkipped() {
    return skipReason != null;
  }

  @Override
  public String toString() {
    return type.name()
        + (target == null ? tags : "[" + target + "]")
        + " integration="
        + integrationId
        + " rules="
        + ruleIds
        + " ("
        + scope
        + ")"
        + (skipReason == null ? "" : " skipped: " + skipReason);
  }
}

package com.ckengine.engine;

import com.ckengine.api.RuleTag;
import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.engine.store.IntegrationEntity;
import java.util.Collections;
import java.util.List;

/**
 * One action a worker has claimed, with what it needs to deliver it: the action, its tags, its
 * event and its integration as read when the claim was taken, and the token that every later write
 * of the row must present.
 */
final class Claim {
  final ActionEntity action;

  /** The action's tags in the order the rules named them; empty for a purchase. */
  final List<RuleTag> tags;

  final EventEntity event;

  /** Null when the integration was deleted after the action was planned. */
  final IntegrationEntity integration;

  final String token;

  /**
   * An earlier attempt may have reached Kit without us knowing the result (an unknown answer, or a
   * claim left behind by a worker that stopped mid-call).
   */
  final boolean inDoubt;

  /** Until when the row is known to be ours (engine clock); moved on when the claim is extended. */
  volatile long claimedUntil;

  Claim(
      ActionEntity action,
      List<RuleTag> tags,
      EventEntity event,
      IntegrationEntity integration,
      String token,
      boolean inDoubt,
      long claimedUntil) {
    this.action = action;
    this.tags = Collections.unmodifiableList(tags);
    this.event = event;
    this.integration = integration;
    this.token = token;
    this.inDoubt = inDoubt;
    this.claimedUntil = claimedUntil;
  }

  long actionId() {
    return action.getId();
  }
}

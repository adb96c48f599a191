package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.rules.Coalesced;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.kit.KitCredential;
import java.util.List;

/**
 * One kind of action, whole: its {@link ActionType} (name, what a rule of it holds, which triggers
 * allow it: plugin-api), how its rules of one event are planned and coalesced, how it is delivered
 * in Kit, and how the log says what it sent. The engine and the admin ask the kind, through {@link
 * ActionKinds}, and never switch over the action's name.
 *
 * <p><b>Adding a kind</b> is one subclass in this package, registered once with {@link
 * ActionKinds#register}: {@link ActionType#define} its name, then say how it delivers ({@link
 * #deliver}) and what the log shows ({@link #sent}); override {@link #plan} only when the default
 * coalescing does not fit. {@code AddNoteKindTest} shows one made in the test sources.
 */
public abstract class ActionKind {
  /** The kind's name and host-neutral facts. */
  public abstract ActionType type();

  /**
   * Plans this kind's actions for one event and integration from {@code rules} (this kind's rules
   * of that integration that matched), appending them to {@code planned}, which already holds the
   * integration's actions of the kinds registered before this one (Remove Tag reads Add Tag's). By
   * default all the rules are one action (their tags each once), or, for a kind that takes a form
   * or sequence, one action per form or sequence.
   */
  public void plan(
      long integrationId,
      List<RuleDefinition> rules,
      StoreEvent event,
      List<PlannedAction> planned) {
    if (type().usesTarget()) {
      for (Coalesced c : Coalesced.perTarget(rules)) {
        planned.add(c.toAction(integrationId, type(), null));
      }
    } else {
      planned.add(Coalesced.all(rules).toAction(integrationId, type(), null));
    }
  }

  /**
   * Performs the claimed action in Kit: every call through {@code calls}, never a write of the
   * action row (the {@link ActionStore} records what the attempt says).
   */
  abstract Attempt deliver(
      Claim claim, KitCredential credential, KitCalls calls, DeliveryParts parts);

  /** What the action sends to Kit, for the log's detail; never a secret. */
  public abstract String sent(LogEntry entry);
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.rules.Coalesced;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remove Tag From Subscriber: one call per tag. A tag that is not in Kit has nothing to remove; if
 * none of the tags exists the action is SKIPPED and says so.
 */
final class RemoveTagKind extends ActionKind {
  @Override
  public ActionType type() {
    return ActionType.REMOVE_TAG;
  }

  /**
   * One action of every tag to remove, except that a tag the same event adds (Add Tag planned
   * before) is added, not removed: an operator who set up both most likely wants the customer
   * tagged, and removing then re-adding would fire Kit's "tag added" automations again. The dropped
   * removal is kept as a SKIPPED action saying why.
   */
  @Override
  public void plan(
      long integrationId,
      List<RuleDefinition> rules,
      StoreEvent event,
      List<PlannedAction> planned) {
    Set<String> added = new HashSet<String>();
    for (PlannedAction p : planned) {
      if (p.type() == ActionType.ADD_TAG) for (RuleTag t : p.tags()) added.add(t.key());
    }
    Coalesced remove = Coalesced.all(rules);
    Coalesced conflicting = remove.sameRulesNoTags();
    for (String key : new ArrayList<String>(remove.tags().keySet())) {
      if (added.contains(key)) conflicting.tags().put(key, remove.tags().remove(key));
    }
    if (!remove.tags().isEmpty()) planned.add(remove.toAction(integrationId, type(), null));
    if (!conflicting.tags().isEmpty()) {
      planned.add(conflicting.toAction(integrationId, type(), RuleEvaluator.CONFLICT));
    }
  }

  @Override
  public String sent(LogEntry e) {
    return "Remove from the subscriber "
        + e.email()
        + " the tags: "
        + (e.tags() == null ? "" : e.tags());
  }

  @Override
  Attempt deliver(Claim c, KitCredential secret, KitCalls calls, DeliveryParts parts) {
    TagResolver tags = parts.tags;
    boolean removedAny = false;
    List<String> absent = new ArrayList<String>();
    for (RuleTag tag : c.tags) {
      Long id = tag.kitTagId() == null ? null : tags.current(c.integration.getId(), tag);
      if (id == null) {
        TagResolver.Found f = tags.find(c.integration.getId(), secret, tag.name(), false, calls);
        if (f.failure != null) return Attempt.of(f.failure, null);
        if (f.absent()) {
          absent.add(tag.name());
          continue;
        }
        id = f.id;
      }
      long tagId = id;
      KitResult<?> r = calls.call(secret, s -> calls.kit().removeTag(s, tagId, c.event.getEmail()));
      if (!r.isSuccess()) return Attempt.of(r, null);
      removedAny = true;
    }
    if (!removedAny) return Attempt.skip("no such tag in Kit: " + String.join(", ", absent));
    return Attempt.delivered(
        200, absent.isEmpty() ? "removed" : "removed; not in Kit: " + String.join(", ", absent));
  }
}

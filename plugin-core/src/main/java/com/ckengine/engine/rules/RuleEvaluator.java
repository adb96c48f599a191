package com.ckengine.engine.rules;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns an event into planned actions. Pure and allocation-light: it reads a {@link RuleIndex} and
 * the event, nothing else.
 *
 * <p>The rules that apply are the product rules of every distinct product on the event's lines plus
 * the global rules, for the event's trigger. Per integration they are coalesced:
 *
 * <ul>
 *   <li>all tags to add become one action (one Kit call), each tag once however many rules name it;
 *       likewise the tags to remove;
 *   <li>a purchase is recorded once per event and integration however many rules ask;
 *   <li>a tag both added and removed by the same event is added, not removed: an operator who
 *       configured both most likely wants the customer to end up tagged, and removing then
 *       re-adding would fire Kit's "tag added" automations again. The dropped removal is kept as a
 *       skipped action so the log shows the conflict.
 * </ul>
 */
public final class RuleEvaluator {
  static final String CONFLICT =
      "the same event also adds these tags; adding wins, so they are not removed";
  static final String NO_LINES = "the event has no lines to record as a purchase";

  private RuleEvaluator() {}

  /** The actions {@code event} calls for, ordered by integration then action type; may be empty. */
  public static List<PlannedAction> plan(RuleIndex index, StoreEvent event) {
    List<RuleDefinition> matched = new ArrayList<RuleDefinition>(index.global(event.trigger()));
    Set<Long> products = new LinkedHashSet<Long>();
    for (EventLine l : event.lines()) products.add(l.productId());
    for (Long p : products) matched.addAll(index.forProduct(event.trigger(), p));
    if (matched.isEmpty()) return Collections.emptyList();

    Map<Long, Group> groups = new TreeMap<Long, Group>();
    for (RuleDefinition r : matched) {
      Group g = groups.get(r.integrationId());
      if (g == null) groups.put(r.integrationId(), g = new Group(r.integrationId()));
      g.add(r);
    }
    List<PlannedAction> out = new ArrayList<PlannedAction>();
    for (Group g : groups.values()) g.plan(event, out);
    return out;
  }

  /** What the rules of one integration ask for. */
  private static final class Group {
    final long integrationId;
    final Acc add = new Acc();
    final Acc remove = new Acc();
    final Acc purchase = new Acc();

    Group(long integrationId) {
      this.integrationId = integrationId;
    }

    void add(RuleDefinition r) {
      Acc acc =
          r.action() == ActionType.ADD_TAG
              ? add
              : r.action() == ActionType.REMOVE_TAG ? remove : purchase;
      acc.rule(r);
      for (RuleTag t : r.tags()) acc.tag(t);
    }

    void plan(StoreEvent event, List<PlannedAction> out) {
      if (!add.rules.isEmpty()) out.add(add.toAction(integrationId, ActionType.ADD_TAG, null));
      if (!remove.rules.isEmpty()) {
        Acc conflicting = new Acc();
        for (String key : new ArrayList<String>(remove.tags.keySet())) {
          if (add.tags.containsKey(key)) conflicting.tags.put(key, remove.tags.remove(key));
        }
        if (!remove.tags.isEmpty()) {
          out.add(remove.toAction(integrationId, ActionType.REMOVE_TAG, null));
        }
        if (!conflicting.tags.isEmpty()) {
          conflicting.rules.addAll(remove.rules);
          conflicting.scopes.addAll(remove.scopes);
          out.add(conflicting.toAction(integrationId, ActionType.REMOVE_TAG, CONFLICT));
        }
      }
      if (!purchase.rules.isEmpty()) {
        String skip = event.lines().isEmpty() ? NO_LINES : null;
        out.add(purchase.toAction(integrationId, ActionType.ADD_PURCHASE, skip));
      }
    }
  }

  /** Accumulates rules, scopes and distinct tags of one action. */
  private static final class Acc {
    final Set<Long> rules = new TreeSet<Long>();
    // Products first in the order met, "global" last: reads well in the log.
    final Set<String> scopes = new LinkedHashSet<String>();
    final Map<String, RuleTag> tags = new LinkedHashMap<String, RuleTag>();

    void rule(RuleDefinition r) {
      if (r.id() != null) rules.add(r.id());
      scopes.add(r.isGlobal() ? "global" : "product " + r.productId());
    }

    void tag(RuleTag t) {
      RuleTag seen = tags.get(t.key());
      // A tag picked from the account (with its Kit id) beats the same name typed by hand.
      if (seen == null || (seen.kitTagId() == null && t.kitTagId() != null)) tags.put(t.key(), t);
    }

    PlannedAction toAction(long integrationId, ActionType type, String skip) {
      List<String> s = new ArrayList<String>();
      for (String x : scopes) if (!x.equals("global")) s.add(x);
      if (scopes.contains("global")) s.add("global");
      StringBuilder scope = new StringBuilder();
      for (String x : s) scope.append(scope.length() == 0 ? "" : ", ").append(x);
      return new PlannedAction(
          integrationId,
          type,
          new ArrayList<RuleTag>(tags.values()),
          new ArrayList<Long>(rules),
          scope.toString(),
          skip);
    }
  }
}

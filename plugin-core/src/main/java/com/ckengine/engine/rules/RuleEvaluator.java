package com.ckengine.engine.rules;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.ActionKind;
import com.ckengine.engine.ActionKinds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns an event into planned actions. Pure and allocation-light: it reads a {@link RuleIndex} and
 * the event, nothing else.
 *
 * <p>The rules that apply are the product rules of every distinct product on the event's lines plus
 * the global rules, for the event's trigger. Per integration, each action kind of the registry
 * ({@link ActionKinds}, in its order) plans and coalesces its own rules:
 *
 * <ul>
 *   <li>all tags to add become one action (one Kit call), each tag once however many rules name it;
 *       likewise the tags to remove;
 *   <li>a purchase is recorded once per event and integration however many rules ask;
 *   <li>a tag both added and removed by the same event is added, not removed: an operator who
 *       configured both most likely wants the customer to end up tagged, and removing then
 *       re-adding would fire Kit's "tag added" automations again. The dropped removal is kept as a
 *       skipped action so the log shows the conflict;
 *   <li>a form or sequence is subscribed to once, however many rules name it.
 * </ul>
 */
public final class RuleEvaluator {
  /** Why a removal is skipped when the same event adds the tag. */
  public static final String CONFLICT =
      "the same event also adds these tags; adding wins, so they are not removed";

  /** Why a purchase is skipped for an event without lines. */
  public static final String NO_LINES = "the event has no lines to record as a purchase";

  private RuleEvaluator() {}

  /** The actions {@code event} calls for, ordered by integration then action kind; may be empty. */
  public static List<PlannedAction> plan(RuleIndex index, StoreEvent event) {
    List<RuleDefinition> matched = new ArrayList<RuleDefinition>(index.global(event.trigger()));
    Set<Long> products = new LinkedHashSet<Long>();
    for (EventLine l : event.lines()) products.add(l.productId());
    for (Long p : products) matched.addAll(index.forProduct(event.trigger(), p));
    if (matched.isEmpty()) return Collections.emptyList();

    Map<Long, Map<ActionType, List<RuleDefinition>>> groups =
        new TreeMap<Long, Map<ActionType, List<RuleDefinition>>>();
    for (RuleDefinition r : matched) {
      Map<ActionType, List<RuleDefinition>> g = groups.get(r.integrationId());
      if (g == null) {
        groups.put(r.integrationId(), g = new HashMap<ActionType, List<RuleDefinition>>());
      }
      List<RuleDefinition> ofKind = g.get(r.action());
      if (ofKind == null) g.put(r.action(), ofKind = new ArrayList<RuleDefinition>());
      ofKind.add(r);
    }
    List<PlannedAction> out = new ArrayList<PlannedAction>();
    for (Map.Entry<Long, Map<ActionType, List<RuleDefinition>>> g : groups.entrySet()) {
      List<PlannedAction> integration = new ArrayList<PlannedAction>();
      for (ActionKind kind : ActionKinds.all()) {
        List<RuleDefinition> rules = g.getValue().get(kind.type());
        if (rules != null) kind.plan(g.getKey(), rules, event, integration);
      }
      out.addAll(integration);
    }
    return out;
  }
}

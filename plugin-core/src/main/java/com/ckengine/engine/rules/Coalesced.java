package com.ckengine.engine.rules;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.RuleTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several rules of one event and integration merged into one action: the rules' ids, their scopes,
 * their tags each once (case-insensitive), and their form or sequence. The ways an action kind
 * coalesces its rules ({@link #all}, {@link #perTarget}) are here, once.
 */
public final class Coalesced {
  private final Set<Long> rules = new TreeSet<Long>();
  // Products first in the order met, "global" last: reads well in the log.
  private final Set<String> scopes = new LinkedHashSet<String>();
  private final Map<String, RuleTag> tags = new LinkedHashMap<String, RuleTag>();
  private RuleTarget target;

  /** Every rule in one action: one Kit call for all their tags. */
  public static Coalesced all(List<RuleDefinition> rules) {
    Coalesced c = new Coalesced();
    for (RuleDefinition r : rules) c.add(r);
    return c;
  }

  /**
   * One action per form or sequence (by Kit's id), in the order the rules name them: rules naming
   * the same one are one action.
   */
  public static List<Coalesced> perTarget(List<RuleDefinition> rules) {
    Map<Long, Coalesced> byId = new LinkedHashMap<Long, Coalesced>();
    for (RuleDefinition r : rules) {
      if (r.target() == null) continue;
      Coalesced c = byId.get(r.target().kitId());
      if (c == null) byId.put(r.target().kitId(), c = new Coalesced());
      c.add(r);
    }
    return new ArrayList<Coalesced>(byId.values());
  }

  /** The same rules and scopes, no tags yet (to take some of another's tags). */
  public Coalesced sameRulesNoTags() {
    Coalesced c = new Coalesced();
    c.rules.addAll(rules);
    c.scopes.addAll(scopes);
    c.target = target;
    return c;
  }

  private void add(RuleDefinition r) {
    if (r.id() != null) rules.add(r.id());
    scopes.add(r.isGlobal() ? "global" : "product " + r.productId());
    for (RuleTag t : r.tags()) tag(t);
    if (target == null) target = r.target();
  }

  /** Adds a tag; a tag picked from the account (with its Kit id) beats the same name typed. */
  public void tag(RuleTag t) {
    RuleTag seen = tags.get(t.key());
    if (seen == null || (seen.kitTagId() == null && t.kitTagId() != null)) tags.put(t.key(), t);
  }

  /** The tags by lower-case key, in the order met; changes write through. */
  public Map<String, RuleTag> tags() {
    return tags;
  }

  public boolean hasRules() {
    return !scopes.isEmpty();
  }

  /** The planned action; {@code skip} says why it is logged but not delivered, or is null. */
  public PlannedAction toAction(long integrationId, ActionType type, String skip) {
    List<String> s = new ArrayList<String>();
    for (String x : scopes) if (!x.equals("global")) s.add(x);
    if (scopes.contains("global")) s.add("global");
    return new PlannedAction(
        integrationId,
        type,
        new ArrayList<RuleTag>(tags.values()),
        target,
        new ArrayList<Long>(rules),
        String.join(", ", s),
        skip);
  }
}

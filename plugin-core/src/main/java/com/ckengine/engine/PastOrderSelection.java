package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.api.past.PastOrderQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link PastOrderRequest} checked against the stored integrations and rules: the rules it
 * applies and the host query that selects its orders. Every problem is found, not only the first,
 * and thrown together as {@link InvalidPastOrderRequest}.
 */
final class PastOrderSelection {
  final Integration integration;
  final List<RuleDefinition> rules;
  final PastOrderQuery query;

  private PastOrderSelection(
      Integration integration, List<RuleDefinition> rules, PastOrderQuery query) {
    this.integration = integration;
    this.rules = Collections.unmodifiableList(rules);
    this.query = query;
  }

  static PastOrderSelection resolve(
      PastOrderRequest r, IntegrationService integrations, RuleService ruleService, Instant now) {
    Map<String, String> problems = new LinkedHashMap<String, String>();
    Integration integration = null;
    try {
      integration = integrations.get(r.integrationId());
    } catch (IntegrationException e) {
      problems.put("integration", "There is no integration with id " + r.integrationId() + ".");
    }
    if (r.from() == null || r.to() == null) {
      problems.put("range", "Give both a start and an end date.");
    } else if (!r.from().isBefore(r.to())) {
      problems.put("range", "The start date must be before the end date.");
    } else if (!r.from().isBefore(now)) {
      problems.put("range", "The range starts in the future: no order was submitted in it yet.");
    }
    List<RuleDefinition> rules = new ArrayList<RuleDefinition>();
    if (integration != null) {
      String problem = chooseRules(r, integration.id(), ruleService, rules);
      if (problem != null) problems.put("rules", problem);
    } else if (r.choice() == null) {
      problems.put("rules", "Choose the rules to apply.");
    }
    if (!problems.isEmpty()) throw new InvalidPastOrderRequest(problems);
    return new PastOrderSelection(
        integration,
        rules,
        new PastOrderQuery(
            r.from(), r.to(), productsOf(rules), r.excludeRefunded(), r.excludeTest()));
  }

  /** Rebuilds a stored run's selection: its rules as they stand now, still enabled. */
  static List<RuleDefinition> stillApplying(
      List<Long> ruleIds, long integrationId, RuleService ruleService) {
    List<RuleDefinition> out = new ArrayList<RuleDefinition>();
    Set<Long> wanted = new TreeSet<Long>(ruleIds);
    for (RuleDefinition d : ruleService.listForTrigger(Trigger.PRODUCT_PURCHASED)) {
      if (wanted.contains(d.id()) && d.isEnabled() && d.integrationId() == integrationId) {
        out.add(d);
      }
    }
    return out;
  }

  /** Fills {@code out} with the chosen rules; returns why none can be chosen, or null. */
  private static String chooseRules(
      PastOrderRequest r, long integrationId, RuleService ruleService, List<RuleDefinition> out) {
    if (r.choice() == null) return "Choose the rules to apply.";
    switch (r.choice()) {
      case ONE_RULE:
        {
          if (r.choiceId() == null) return "Choose a rule.";
          RuleDefinition d;
          try {
            d = ruleService.get(r.choiceId());
          } catch (IllegalArgumentException e) {
            return "There is no rule with id " + r.choiceId() + ".";
          }
          if (d.integrationId() != integrationId) {
            return "Rule " + d.id() + " belongs to another integration.";
          }
          if (d.trigger() != Trigger.PRODUCT_PURCHASED) {
            return "Rule "
                + d.id()
                + " fires on "
                + d.trigger().displayName()
                + ": only Product Purchased rules apply to past orders.";
          }
          if (!d.isEnabled()) return "Rule " + d.id() + " is disabled: enable it first.";
          out.add(d);
          return null;
        }
      case PRODUCT_RULES:
        {
          if (r.choiceId() == null) return "Choose a product.";
          for (RuleDefinition d : purchasedRules(integrationId, ruleService)) {
            if (r.choiceId().equals(d.productId())) out.add(d);
          }
          return out.isEmpty()
              ? "Product "
                  + r.choiceId()
                  + " has no enabled Product Purchased rule in this integration."
              : null;
        }
      case ALL_PURCHASED:
      default:
        out.addAll(purchasedRules(integrationId, ruleService));
        return out.isEmpty() ? "This integration has no enabled Product Purchased rule." : null;
    }
  }

  private static List<RuleDefinition> purchasedRules(long integrationId, RuleService rules) {
    List<RuleDefinition> out = new ArrayList<RuleDefinition>();
    for (RuleDefinition d : rules.listForTrigger(Trigger.PRODUCT_PURCHASED)) {
      if (d.isEnabled() && d.integrationId() == integrationId) out.add(d);
    }
    return out;
  }

  /** The products an order needs a line of; empty when a global rule takes any order. */
  static Set<Long> productsOf(List<RuleDefinition> rules) {
    Set<Long> products = new TreeSet<Long>();
    for (RuleDefinition d : rules) {
      if (d.isGlobal()) return new TreeSet<Long>();
      products.add(d.productId());
    }
    return products;
  }

  /** The action kinds the rules plan, in {@link ActionType} order. */
  static List<ActionType> kindsOf(List<RuleDefinition> rules) {
    List<ActionType> kinds = new ArrayList<ActionType>();
    for (ActionType t : ActionType.values()) {
      for (RuleDefinition d : rules) {
        if (d.action() == t) {
          kinds.add(t);
          break;
        }
      }
    }
    return kinds;
  }

  /** The rules of one kind. */
  static List<RuleDefinition> ofKind(List<RuleDefinition> rules, ActionType kind) {
    List<RuleDefinition> out = new ArrayList<RuleDefinition>();
    for (RuleDefinition d : rules) if (d.action() == kind) out.add(d);
    return out;
  }

  static String joinIds(List<RuleDefinition> rules) {
    StringBuilder b = new StringBuilder();
    for (RuleDefinition d : rules) b.append(b.length() == 0 ? "" : ",").append(d.id());
    return b.toString();
  }

  static List<Long> parseIds(String csv) {
    List<Long> out = new ArrayList<Long>();
    if (csv == null || csv.trim().isEmpty()) return out;
    for (String s : csv.split(",")) out.add(Long.valueOf(s.trim()));
    return out;
  }
}

package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.RuleVerdict.Kind;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.rules.RuleIndex;
import com.ckengine.engine.store.ActionEntity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The verdicts of one stored event: for each rule of its trigger (as the rules stand now) and each
 * rule its actions recorded, what that rule did for it, in words. Pure: it reads what {@link
 * LogExplainer} loaded. Whether a rule applies to the event is asked of {@link RuleEvaluator}
 * itself, with the stored event's facts, so the explanation cannot disagree with the engine.
 */
final class RuleVerdicts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** An integration as the verdicts need it. */
  static final class IntegrationFacts {
    final String label;
    final IntegrationStatus status;
    final String statusMessage;

    IntegrationFacts(String label, IntegrationStatus status, String statusMessage) {
      this.label = label;
      this.status = status;
      this.statusMessage = statusMessage;
    }
  }

  /** When a rule was created (null: before the column existed) and last changed, epoch ms. */
  static final class RuleTimes {
    final Long createdAt;
    final long updatedAt;

    RuleTimes(Long createdAt, long updatedAt) {
      this.createdAt = createdAt;
      this.updatedAt = updatedAt;
    }
  }

  private final Map<Long, RuleDefinition> rules;
  private final Map<Long, RuleTimes> ruleTimes;
  private final Map<Long, IntegrationFacts> integrations;

  RuleVerdicts(
      Map<Long, RuleDefinition> rules,
      Map<Long, RuleTimes> ruleTimes,
      Map<Long, IntegrationFacts> integrations) {
    this.rules = rules;
    this.ruleTimes = ruleTimes;
    this.integrations = integrations;
  }

  /**
   * The event's explanation.
   *
   * @param event the stored event read back, or null when its row no longer makes a valid event
   * @param actions the event's action rows, by id
   */
  EventExplanation explain(
      long eventId,
      StoreEvent event,
      com.ckengine.api.Trigger trigger,
      String reference,
      long receivedAt,
      boolean test,
      List<ActionEntity> actions) {
    TreeSet<Long> ids = new TreeSet<Long>();
    for (RuleDefinition r : rules.values()) if (r.trigger() == trigger) ids.add(r.id());
    Map<Long, List<ActionEntity>> planned = new LinkedHashMap<Long, List<ActionEntity>>();
    boolean noRuleMatched = false;
    for (ActionEntity a : actions) {
      if (a.getAction() == null) noRuleMatched = true;
      for (Long id : ruleIds(a)) {
        ids.add(id);
        planned.computeIfAbsent(id, k -> new ArrayList<ActionEntity>()).add(a);
      }
    }
    List<RuleVerdict> verdicts = new ArrayList<RuleVerdict>();
    for (Long id : ids) {
      List<ActionEntity> mine = planned.get(id);
      verdicts.add(
          mine == null ? notApplied(rules.get(id), event, receivedAt) : applied(id, mine, trigger));
    }
    String summary = null;
    if (ids.isEmpty()) {
      summary =
          "No rule of "
              + trigger.displayName()
              + " exists, now or when the event came, so nothing was sent (the log says \""
              + ActionStore.NO_RULE
              + "\"). Create one on the Global Rules tab, or on a product's Integrations tab.";
    } else if (noRuleMatched) {
      summary =
          "When the event came, no enabled rule applied to it (the log says \""
              + ActionStore.NO_RULE
              + "\"); the rules below say why each did not.";
    } else if (event == null) {
      summary =
          "The stored event can no longer be read back, so today's rules were not tried on it.";
    }
    return new EventExplanation(
        eventId,
        trigger,
        reference,
        Instant.ofEpochMilli(receivedAt),
        test,
        event == null ? "" : products(event),
        summary,
        verdicts);
  }

  /** A rule the event's actions name: the outcome of each of those actions. */
  private RuleVerdict applied(long ruleId, List<ActionEntity> mine, com.ckengine.api.Trigger t) {
    RuleDefinition now = rules.get(ruleId);
    ActionEntity first = mine.get(0);
    Long integrationId = now != null ? now.integrationId() : first.getIntegrationId();
    IntegrationFacts integration = integrationId == null ? null : integrations.get(integrationId);
    String rule =
        now != null
            ? describe(now, integrationId)
            : t.displayName()
                + ", "
                + label(integrationId)
                + ": "
                + first.getAction().displayName()
                + " (the rule was deleted since)";
    StringBuilder v = new StringBuilder();
    List<Long> actionIds = new ArrayList<Long>();
    for (ActionEntity a : mine) {
      actionIds.add(a.getId());
      if (v.length() > 0) v.append("; and ");
      v.append("led to action ").append(a.getId());
      List<Long> others = new ArrayList<Long>(ruleIds(a));
      others.remove(Long.valueOf(ruleId));
      if (!others.isEmpty()) {
        v.append(" (merged with rule")
            .append(others.size() > 1 ? "s " : " ")
            .append(join(others))
            .append(": same integration, same action, one Kit call)");
      }
      v.append(": ").append(outcome(a, integration));
    }
    if (integrationId != null && integration == null) {
      v.append("; its integration was deleted since");
    }
    return new RuleVerdict(
        ruleId,
        now != null,
        rule,
        integrationId,
        integration != null,
        Kind.LED_TO_ACTION,
        actionIds,
        v.toString());
  }

  /**
   * A rule none of the event's actions names: why it did not apply, the first reason that holds.
   */
  private RuleVerdict notApplied(RuleDefinition r, StoreEvent event, long receivedAt) {
    long integrationId = r.integrationId();
    boolean integrationExists = integrations.containsKey(integrationId);
    RuleTimes times = ruleTimes.get(r.id());
    Kind kind;
    String why;
    if (!integrationExists) {
      kind = Kind.INTEGRATION_DELETED;
      why =
          "did not apply: its integration was deleted (a deleted integration's rules are kept, "
              + "disabled)";
    } else if (times != null && times.createdAt != null && times.createdAt > receivedAt) {
      kind = Kind.CREATED_AFTER;
      why =
          "did not apply: the rule was created at "
              + at(times.createdAt)
              + ", after the event (received at "
              + at(receivedAt)
              + ")";
    } else if (!r.isEnabled()) {
      kind = Kind.DISABLED;
      why = "did not apply: the rule is disabled";
    } else if (event != null && !appliesTo(r, event)) {
      kind = Kind.OUT_OF_SCOPE;
      String had = products(event);
      why =
          "did not apply: the rule is for product "
              + r.productId()
              + "; the "
              + (event.trigger().isOrderTrigger() ? "order" : "event")
              + " had "
              + (had.isEmpty() ? "no products" : had);
    } else if (times != null && times.updatedAt > receivedAt) {
      kind = Kind.CHANGED_AFTER;
      why =
          "did not apply when the event came: the rule was changed at "
              + at(times.updatedAt)
              + ", after the event (received at "
              + at(receivedAt)
              + "); as it stands now it would";
    } else {
      kind = Kind.UNEXPLAINED;
      why = "applies as it stands, yet none of the event's actions names it";
    }
    return new RuleVerdict(
        r.id(),
        true,
        describe(r, integrationId),
        integrationId,
        integrationExists,
        kind,
        Collections.<Long>emptyList(),
        why);
  }

  /** Whether the evaluator plans anything for the rule, enabled, alone against the event. */
  private static boolean appliesTo(RuleDefinition r, StoreEvent event) {
    RuleDefinition enabled = r.toBuilder().enabled(true).buildStored();
    RuleIndex alone = RuleIndex.of(Collections.singletonList(enabled), 0);
    return !RuleEvaluator.plan(alone, event).isEmpty();
  }

  /** What became of one action, in words. */
  private static String outcome(ActionEntity a, IntegrationFacts integration) {
    switch (a.getStatus()) {
      case DELIVERED:
        return "DELIVERED at " + at(a.getFinishedAt()) + note(a);
      case FAILED:
        return "FAILED: " + kitSaid(a);
      case SKIPPED:
        return "SKIPPED" + note(a);
      case CANCELLED:
        return "CANCELLED" + note(a);
      default:
        if (integration != null && integration.status == IntegrationStatus.NEEDS_ATTENTION) {
          return "waiting: the integration needs attention ("
              + (integration.statusMessage == null
                  ? "Kit refused its credential"
                  : integration.statusMessage)
              + "); it is sent once the credential is replaced on the integration's Edit page";
        }
        if (a.getStatus() == ActionStatus.RETRYING) {
          return "retrying: "
              + a.getAttempts()
              + (a.getAttempts() == 1 ? " attempt" : " attempts")
              + " so far, next try at "
              + at(a.getDueAt())
              + (a.getLastMessage() == null ? "" : "; last answer: " + kitSaid(a));
        }
        return "waiting to be sent, due at " + at(a.getDueAt());
    }
  }

  private static String kitSaid(ActionEntity a) {
    String m = a.getLastMessage();
    if (a.getLastHttpStatus() != null) {
      return "Kit said (HTTP " + a.getLastHttpStatus() + ") " + (m == null ? "" : m);
    }
    if (m != null) return m;
    return a.getNote() == null ? "no reason was recorded" : a.getNote();
  }

  private static String note(ActionEntity a) {
    return a.getNote() == null ? "" : ": " + a.getNote();
  }

  private String describe(RuleDefinition r, Long integrationId) {
    StringBuilder b = new StringBuilder();
    b.append(r.trigger().displayName()).append(", ").append(label(integrationId)).append(": ");
    b.append(r.action().displayName());
    List<String> tags = new ArrayList<String>();
    for (RuleTag t : r.tags()) tags.add("\"" + t.name() + "\"");
    if (!tags.isEmpty()) b.append(' ').append(String.join(", ", tags));
    // A form or sequence rule names its form or sequence where a tag rule names its tags.
    if (r.target() != null) b.append(" \"").append(r.target().name()).append('"');
    b.append(" (").append(r.isGlobal() ? "every product" : "product " + r.productId()).append(')');
    if (!r.isEnabled()) b.append(", disabled");
    return b.toString();
  }

  private String label(Long integrationId) {
    IntegrationFacts i = integrationId == null ? null : integrations.get(integrationId);
    if (i != null) return i.label;
    return integrationId == null ? "no integration" : "integration " + integrationId + " (deleted)";
  }

  /** The event's distinct products, "name (product id)", in line order. */
  static String products(StoreEvent event) {
    Map<Long, String> seen = new LinkedHashMap<Long, String>();
    for (EventLine l : event.lines()) {
      if (!seen.containsKey(l.productId())) {
        seen.put(l.productId(), l.name() + " (product " + l.productId() + ")");
      }
    }
    return String.join(", ", seen.values());
  }

  /** The rule ids an action row recorded ("3,7"); empty for "no rule matched". */
  static List<Long> ruleIds(ActionEntity a) {
    List<Long> out = new ArrayList<Long>();
    String s = a.getRuleIds();
    if (s == null || s.isEmpty()) return out;
    for (String part : s.split(",")) {
      try {
        out.add(Long.parseLong(part.trim()));
      } catch (NumberFormatException e) {
        // A list cut at the column's length ends in a clipped id ("12" and an ellipsis): the ids
        // before it are whole.
      }
    }
    return out;
  }

  private static String join(List<Long> ids) {
    StringBuilder b = new StringBuilder();
    for (Long id : ids) b.append(b.length() == 0 ? "" : ", ").append(id);
    return b.toString();
  }

  static String at(Long millis) {
    return millis == null ? "an unknown time" : TIME.format(Instant.ofEpochMilli(millis));
  }
}

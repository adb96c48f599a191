package com.ckengine.engine;

import com.ckengine.api.InvalidEventException;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.RuleVerdicts.IntegrationFacts;
import com.ckengine.engine.RuleVerdicts.RuleTimes;
import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.UnstoredEventEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;

/**
 * Logs' "Why?": for an email, why each of its latest events did or did not lead to each action, per
 * rule, in words an operator understands; and when the log has no event of it, the likely reasons.
 * Reads only, and only bounded rows: the email's latest action rows through index {@code
 * CK_ACTION_EMAIL} (at most {@link #MAX_ACTION_ROWS}), those events by primary key and their
 * actions through {@code CK_ACTION_EVENT}. Whether a rule applies is asked of the rule evaluator
 * itself ({@link RuleVerdicts}).
 */
public final class LogExplainer {
  /** Events of one email explained, newest first. */
  public static final int MAX_EVENTS = 20;

  /** The email's latest action rows read to find its latest events (an event has a few each). */
  static final int MAX_ACTION_ROWS = 200;

  /** Action rows of the explained events read at most (a guard; an event has a few). */
  static final int MAX_ACTIONS = MAX_EVENTS * 50;

  /** Events of the email the database refused, listed at most. */
  static final int MAX_UNSTORED = 10;

  static final String LATEST_EVENT_IDS_OF_EMAIL =
      "select a.eventId from ActionEntity a where a.emailLc = :email"
          + " order by a.createdAt desc";

  static final String EVENTS_BY_ID = "select e from EventEntity e where e.id in (:ids)";

  static final String ACTIONS_OF_EVENTS =
      "select a from ActionEntity a where a.eventId in (:ids) order by a.id";

  static final String RULE_TIMES =
      "select r.id, r.createdAt, r.updatedAt from RuleEntity r where r.id in (:ids)";

  static final String INTEGRATIONS = "select i from IntegrationEntity i";

  static final String UNSTORED_OF_EMAIL =
      "select u from UnstoredEventEntity u where u.emailLc = :email order by u.lastTriedAt desc";

  private final Jpa jpa;
  private final RuleService rules;
  private final Duration retention;

  LogExplainer(Jpa jpa, RuleService rules, Duration retention) {
    this.jpa = jpa;
    this.rules = rules;
    this.retention = retention;
  }

  /**
   * Why {@code email}'s latest events led or did not lead to each action.
   *
   * @throws IllegalArgumentException when {@code email} is blank
   */
  public Explanation explain(String email) {
    if (email == null || email.trim().isEmpty()) {
      throw new IllegalArgumentException("an email to explain is needed");
    }
    String lc = email.trim().toLowerCase(Locale.ROOT);
    // The rules as they stand: the same read the rule index is built from.
    Map<Long, RuleDefinition> ruleMap = new HashMap<Long, RuleDefinition>();
    for (RuleDefinition r : rules.list()) ruleMap.put(r.id(), r);
    return jpa.tx(em -> explain(em, email.trim(), lc, ruleMap));
  }

  private Explanation explain(
      EntityManager em, String email, String lc, Map<Long, RuleDefinition> ruleMap) {
    List<Long> rows =
        em.createQuery(LATEST_EVENT_IDS_OF_EMAIL, Long.class)
            .setParameter("email", lc)
            .setMaxResults(MAX_ACTION_ROWS)
            .getResultList();
    Set<Long> eventIds = new LinkedHashSet<Long>(rows);
    boolean more = eventIds.size() > MAX_EVENTS || rows.size() == MAX_ACTION_ROWS;
    List<Long> newest =
        new ArrayList<Long>(eventIds).subList(0, Math.min(MAX_EVENTS, eventIds.size()));
    List<UnstoredEvent> unstored = unstored(em, lc);
    if (newest.isEmpty()) {
      return new Explanation(
          email, new ArrayList<EventExplanation>(), false, noEventReasons(unstored), unstored);
    }
    Map<Long, EventEntity> events = new HashMap<Long, EventEntity>();
    for (EventEntity e :
        em.createQuery(EVENTS_BY_ID, EventEntity.class)
            .setParameter("ids", newest)
            .getResultList()) {
      events.put(e.getId(), e);
    }
    Map<Long, List<ActionEntity>> actions = new HashMap<Long, List<ActionEntity>>();
    for (ActionEntity a :
        em.createQuery(ACTIONS_OF_EVENTS, ActionEntity.class)
            .setParameter("ids", newest)
            .setMaxResults(MAX_ACTIONS)
            .getResultList()) {
      actions.computeIfAbsent(a.getEventId(), k -> new ArrayList<ActionEntity>()).add(a);
    }
    // The times of the rules the verdicts may weigh: those of the events' triggers.
    Set<Long> weighed = new HashSet<Long>();
    for (RuleDefinition r : ruleMap.values()) {
      for (EventEntity e : events.values()) if (r.trigger() == e.getTrigger()) weighed.add(r.id());
    }
    RuleVerdicts verdicts = new RuleVerdicts(ruleMap, ruleTimes(em, weighed), integrations(em));
    List<EventExplanation> out = new ArrayList<EventExplanation>();
    for (Long id : newest) {
      EventEntity e = events.get(id);
      if (e == null) continue; // deleted by retention between the two reads
      List<ActionEntity> mine = actions.get(id);
      out.add(
          verdicts.explain(
              id,
              readBack(e),
              e.getTrigger(),
              e.getReference(),
              e.getReceivedAt(),
              e.isTest(),
              mine == null ? new ArrayList<ActionEntity>() : mine));
    }
    return new Explanation(email, out, more, new ArrayList<String>(), unstored);
  }

  /** The stored event as published; null when its row no longer makes a valid event. */
  private static StoreEvent readBack(EventEntity e) {
    try {
      return EventRows.event(e);
    } catch (InvalidEventException | IllegalStateException x) {
      return null;
    }
  }

  private static Map<Long, RuleTimes> ruleTimes(EntityManager em, Set<Long> ids) {
    Map<Long, RuleTimes> out = new HashMap<Long, RuleTimes>();
    if (ids.isEmpty()) return out;
    for (Object[] row :
        em.createQuery(RULE_TIMES, Object[].class).setParameter("ids", ids).getResultList()) {
      out.put((Long) row[0], new RuleTimes((Long) row[1], ((Date) row[2]).getTime()));
    }
    return out;
  }

  /** Every integration (an operator connects a few), without their secrets. */
  private static Map<Long, IntegrationFacts> integrations(EntityManager em) {
    Map<Long, IntegrationFacts> out = new HashMap<Long, IntegrationFacts>();
    for (IntegrationEntity i :
        em.createQuery(INTEGRATIONS, IntegrationEntity.class).getResultList()) {
      out.put(i.getId(), new IntegrationFacts(i.getLabel(), i.getStatus(), i.getStatusMessage()));
    }
    return out;
  }

  private static List<UnstoredEvent> unstored(EntityManager em, String lc) {
    List<UnstoredEventEntity> rows =
        em.createQuery(UNSTORED_OF_EMAIL, UnstoredEventEntity.class)
            .setParameter("email", lc)
            .setMaxResults(MAX_UNSTORED)
            .getResultList();
    return UnstoredEvents.view(rows);
  }

  /** Why the log may have no event of an email, most likely first. */
  private List<String> noEventReasons(List<UnstoredEvent> unstored) {
    List<String> out = new ArrayList<String>();
    for (UnstoredEvent u : unstored) {
      out.add(
          u.trigger().displayName()
              + " of "
              + (u.trigger().isOrderTrigger() ? "order " : "subscription ")
              + u.reference()
              + " could not be stored: "
              + u.reason()
              + " (it waits under \"Not stored\" above, and is published again when its cause is"
              + " fixed)");
    }
    out.add("The order may have been placed with another email: search by its order number.");
    out.add(
        "The event may never have reached the plugin: the storefront publishes orders only when"
            + " the plugin is installed in the storefront's application too, not only in the admin"
            + " (see the installation guide).");
    out.add(
        "The log keeps events "
            + days(retention)
            + ": an older event was deleted, with its actions.");
    return out;
  }

  private static String days(Duration d) {
    long days = d.toDays();
    if (d.equals(Duration.ofDays(days))) return days + (days == 1 ? " day" : " days");
    return d.toHours() + " hours";
  }
}

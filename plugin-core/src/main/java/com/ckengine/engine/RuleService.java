package com.ckengine.engine;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.RuleIndex;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.RuleEntity;
import com.ckengine.engine.store.RuleTagEntity;
import com.ckengine.engine.store.RuleVersionEntity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Creates, changes and lists rules, and keeps the in-memory {@link RuleIndex} the publisher
 * evaluates against. Every change raises the rules' change counter ({@code CK_RULE_VERSION}) in its
 * own transaction, so the index is rebuilt when the counter differs from the one it was built at:
 * at once after a change made on this node, and within the refresh interval after a change made on
 * another node (checked on the engine's housekeeping thread).
 */
public final class RuleService {
  private static final Log LOG = LogFactory.getLog(RuleService.class);

  static final String CHANGE_COUNTER = "select v.version from RuleVersionEntity v where v.id = :id";

  static final String RAISE_CHANGE_COUNTER =
      "update RuleVersionEntity v set v.version = v.version + 1 where v.id = :id";

  // A bulk update skips @PreUpdate: the change time is set by hand.
  static final String DISABLE_RULES_OF_INTEGRATION =
      "update RuleEntity r set r.enabled = false, r.updatedAt = :now "
          + "where r.integrationId = :integration and r.enabled = true";

  static final String DELETE_TAGS_OF_RULE = "delete from RuleTagEntity t where t.ruleId = :rule";

  static final String DELETE_RULE = "delete from RuleEntity r where r.id = :rule";

  private final Jpa jpa;
  private final Clock clock;
  private final Object lock = new Object();
  private volatile Snapshot snapshot;

  RuleService(Jpa jpa, Clock clock) {
    this.jpa = jpa;
    this.clock = clock;
  }

  /**
   * Stores a new rule.
   *
   * @throws IllegalArgumentException when the rule has an id or its integration does not exist
   */
  public RuleDefinition create(RuleDefinition rule) {
    if (rule.id() != null) throw new IllegalArgumentException("a new rule has no id yet");
    long id =
        jpa.tx(
            em -> {
              requireIntegration(em, rule.integrationId());
              RuleEntity e = new RuleEntity();
              copy(rule, e);
              e.setCreatedAt(clock.millis());
              em.persist(e);
              writeTags(em, e.getId(), rule.tags());
              raiseChangeCounter(em);
              return e.getId();
            });
    invalidate();
    return get(id);
  }

  /** Replaces the stored rule with {@code rule.id()} by {@code rule}. */
  public RuleDefinition update(RuleDefinition rule) {
    if (rule.id() == null) throw new IllegalArgumentException("the rule has no id");
    jpa.tx(
        em -> {
          requireIntegration(em, rule.integrationId());
          RuleEntity e = find(em, rule.id());
          copy(rule, e);
          em.createQuery(DELETE_TAGS_OF_RULE).setParameter("rule", rule.id()).executeUpdate();
          writeTags(em, e.getId(), rule.tags());
          raiseChangeCounter(em);
          return null;
        });
    invalidate();
    return get(rule.id());
  }

  /** Deletes a rule; no-op when it does not exist. */
  public void delete(long id) {
    jpa.tx(
        em -> {
          em.createQuery(DELETE_TAGS_OF_RULE).setParameter("rule", id).executeUpdate();
          em.createQuery(DELETE_RULE).setParameter("rule", id).executeUpdate();
          raiseChangeCounter(em);
          return null;
        });
    invalidate();
  }

  /**
   * @throws IllegalArgumentException when there is no such rule
   */
  public RuleDefinition get(long id) {
    List<RuleDefinition> l = load("where r.id = " + id);
    if (l.isEmpty()) throw new IllegalArgumentException("No rule with id " + id);
    return l.get(0);
  }

  /** All rules (enabled or not), by id. */
  public List<RuleDefinition> list() {
    return load("");
  }

  /** The rules scoped to one product (for a product's admin tab), by id. */
  public List<RuleDefinition> listForProduct(long productId) {
    return load("where r.productId = " + productId);
  }

  /** The rules of one trigger, global and product ones, by id. */
  public List<RuleDefinition> listForTrigger(Trigger trigger) {
    return load("where r.trigger = com.ckengine.api.Trigger." + trigger.name());
  }

  /**
   * The current index, rebuilt when the change counter moved since it was built. The counter (one
   * primary-key read) is read on every call, so an event evaluated right after a rule changed on
   * another node (the admin war, another storefront) meets the new rule, never a stale index.
   */
  RuleIndex index() {
    return current(jpa.tx(RuleService::changeCounter)).index;
  }

  /**
   * The index as last built, with the change counter it was built at, without reading the database
   * (built on first use). A publish evaluates against it and checks the counter in its own
   * transaction ({@link ActionStore#storeEvent}); when it moved, {@link #current(long)} gives the
   * index for the counter that transaction read.
   */
  Snapshot cached() {
    Snapshot s = snapshot;
    return s != null ? s : current(jpa.tx(RuleService::changeCounter));
  }

  /** The index for change counter {@code counter}: the cached one, or one rebuilt now. */
  Snapshot current(long counter) {
    Snapshot s = snapshot;
    if (s != null && s.counter == counter) return s;
    synchronized (lock) {
      s = snapshot;
      if (s != null && s.counter == counter) return s; // rebuilt while we waited
      // Read before the rules: a change landing in between only costs one more rebuild later.
      long built = jpa.tx(RuleService::changeCounter);
      List<RuleDefinition> rules = list();
      reportBounds(rules);
      snapshot = new Snapshot(RuleIndex.of(rules, s == null ? 1 : s.index.version() + 1), built);
      return snapshot;
    }
  }

  /** Forces a rebuild at the next {@link #index()}. */
  void invalidate() {
    synchronized (lock) {
      Snapshot s = snapshot;
      if (s != null) snapshot = new Snapshot(s.index, Long.MIN_VALUE);
    }
  }

  /**
   * Disables every rule of an integration, inside the caller's transaction (deleting the
   * integration keeps its rules, disabled), and raises the change counter.
   */
  static void disableRulesOfIntegration(EntityManager em, long integrationId, long now) {
    em.createQuery(DISABLE_RULES_OF_INTEGRATION)
        .setParameter("now", new java.util.Date(now))
        .setParameter("integration", integrationId)
        .executeUpdate();
    raiseChangeCounter(em);
  }

  /** Raises the rules' change counter in the caller's transaction (creating its row once). */
  static void raiseChangeCounter(EntityManager em) {
    int n =
        em.createQuery(RAISE_CHANGE_COUNTER)
            .setParameter("id", RuleVersionEntity.SINGLETON_ID)
            .executeUpdate();
    if (n == 0) {
      // The first change ever: the primary key lets one of two racing nodes insert the row; the
      // other's transaction fails and its change is retried by the caller.
      em.persist(new RuleVersionEntity(1));
      em.flush();
    }
  }

  /** The rules' change counter, read in the caller's transaction. */
  static long changeCounter(EntityManager em) {
    List<Long> v =
        em.createQuery(CHANGE_COUNTER, Long.class)
            .setParameter("id", RuleVersionEntity.SINGLETON_ID)
            .getResultList();
    return v.isEmpty() ? 0 : v.get(0);
  }

  private List<RuleDefinition> load(String where) {
    return jpa.tx(
        em -> {
          List<RuleEntity> rules =
              em.createQuery(
                      "select r from RuleEntity r " + where + " order by r.id", RuleEntity.class)
                  .getResultList();
          if (rules.isEmpty()) return new ArrayList<RuleDefinition>();
          Map<Long, List<RuleTag>> tags = new HashMap<Long, List<RuleTag>>();
          String tagWhere =
              where.isEmpty()
                  ? ""
                  : "where t.ruleId in (select r.id from RuleEntity r " + where + ")";
          for (RuleTagEntity t :
              em.createQuery(
                      "select t from RuleTagEntity t "
                          + tagWhere
                          + " order by t.ruleId, t.position",
                      RuleTagEntity.class)
                  .getResultList()) {
            RuleTag tag = storedTag(t);
            if (tag != null) {
              tags.computeIfAbsent(t.getRuleId(), k -> new ArrayList<RuleTag>()).add(tag);
            }
          }
          List<RuleDefinition> out = new ArrayList<RuleDefinition>(rules.size());
          for (RuleEntity r : rules) {
            RuleDefinition d = storedRule(r, tags.get(r.getId()));
            if (d != null) out.add(d);
          }
          return out;
        });
  }

  /**
   * A stored rule as saved. The bounds on making a rule (at most {@link RuleDefinition#MAX_TAGS}
   * tags, the tag name rules) are checked where a rule is made or edited, not here: a rule saved
   * before a bound existed keeps working (the operator wants their rule to go on doing what it
   * did), is reported when the index is built, and needs the bounds kept when next edited. Only a
   * rule that cannot be evaluated at all is left out, with a WARN, so one such row never stops
   * every publish.
   */
  private static RuleDefinition storedRule(RuleEntity r, List<RuleTag> tags) {
    try {
      ActionKinds.of(r.getAction());
      return RuleDefinition.builder()
          .id(r.getId())
          .trigger(r.getTrigger())
          .integrationId(r.getIntegrationId())
          .action(r.getAction())
          .target(r.getTarget())
          .productId(r.getProductId())
          .enabled(r.isEnabled())
          .tags(tags == null ? new ArrayList<RuleTag>() : tags)
          .buildStored();
    } catch (IllegalArgumentException e) {
      LOG.warn("stored rule " + r.getId() + " is left out, it cannot be used: " + e.getMessage());
      return null;
    }
  }

  /** A stored tag as saved; null, with a WARN, when the engine could not store it in an action. */
  private static RuleTag storedTag(RuleTagEntity t) {
    try {
      return RuleTag.stored(t.getTagName(), t.getKitTagId());
    } catch (IllegalArgumentException e) {
      LOG.warn("a tag of stored rule " + t.getRuleId() + " is left out: " + e.getMessage());
      return null;
    }
  }

  /** Says which rules break today's bounds; they keep working as saved until edited. */
  private static void reportBounds(List<RuleDefinition> rules) {
    for (RuleDefinition r : rules) {
      List<String> p = r.boundsProblems();
      if (!p.isEmpty()) {
        LOG.warn(
            "rule "
                + r.id()
                + " breaks the bounds on making a rule ("
                + String.join("; ", p)
                + "); it keeps working as saved, and saving an edit of it needs them kept");
      }
    }
  }

  private static void copy(RuleDefinition d, RuleEntity e) {
    // A rule no kind can plan or deliver would be stored and never act.
    ActionKinds.of(d.action());
    e.setTrigger(d.trigger());
    e.setIntegrationId(d.integrationId());
    e.setAction(d.action());
    e.setTarget(d.target());
    e.setProductId(d.productId());
    e.setEnabled(d.isEnabled());
  }

  private static void writeTags(EntityManager em, long ruleId, List<RuleTag> tags) {
    int i = 0;
    for (RuleTag t : tags) em.persist(new RuleTagEntity(ruleId, i++, t.name(), t.kitTagId()));
  }

  private static void requireIntegration(EntityManager em, long id) {
    if (em.find(IntegrationEntity.class, id) == null) {
      throw new IllegalArgumentException("No integration with id " + id);
    }
  }

  private static RuleEntity find(EntityManager em, long id) {
    RuleEntity e = em.find(RuleEntity.class, id);
    if (e == null) throw new IllegalArgumentException("No rule with id " + id);
    return e;
  }

  /** An index and the change counter it was built at. Immutable. */
  static final class Snapshot {
    final RuleIndex index;
    final long counter;

    Snapshot(RuleIndex index, long counter) {
      this.index = index;
      this.counter = counter;
    }
  }
}

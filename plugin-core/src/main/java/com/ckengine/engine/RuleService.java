package com.ckengine.engine;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.RuleIndex;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.RuleEntity;
import com.ckengine.engine.store.RuleTagEntity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;

/**
 * Creates, changes and lists rules, and keeps the in-memory {@link RuleIndex} the publisher
 * evaluates against. The index is rebuilt at once after a change made here, and otherwise when a
 * cheap fingerprint query (counts and latest update times of the rule tables, checked at most once
 * per refresh interval) shows that someone else, another node or the host's admin, changed the
 * rules.
 */
public final class RuleService {
  private final Jpa jpa;
  private final Clock clock;
  private final long refreshMillis;
  private final Object lock = new Object();
  private volatile Snapshot snapshot;

  RuleService(Jpa jpa, Clock clock, long refreshMillis) {
    this.jpa = jpa;
    this.clock = clock;
    this.refreshMillis = refreshMillis;
  }

  /**
   * Stores a new rule.
   *
   * @throws IllegalArgumentException when the rule has an id or its integration does not exist
   */
  public RuleDefinition create(final RuleDefinition rule) {
    if (rule.id() != null) throw new IllegalArgumentException("a new rule has no id yet");
    long id =
        jpa.tx(
            new Jpa.Work<Long>() {
              @Override
              public Long run(EntityManager em) {
                requireIntegration(em, rule.integrationId());
                RuleEntity e = new RuleEntity();
                copy(rule, e);
                em.persist(e);
                writeTags(em, e.getId(), rule.tags());
                return e.getId();
              }
            });
    invalidate();
    return get(id);
  }

  /** Replaces the stored rule with {@code rule.id()} by {@code rule}. */
  public RuleDefinition update(final RuleDefinition rule) {
    if (rule.id() == null) throw new IllegalArgumentException("the rule has no id");
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            requireIntegration(em, rule.integrationId());
            RuleEntity e = find(em, rule.id());
            copy(rule, e);
            em.createQuery("delete from RuleTagEntity t where t.ruleId = :r")
                .setParameter("r", rule.id())
                .executeUpdate();
            writeTags(em, e.getId(), rule.tags());
            return null;
          }
        });
    invalidate();
    return get(rule.id());
  }

  /** Deletes a rule; no-op when it does not exist. */
  public void delete(final long id) {
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            em.createQuery("delete from RuleTagEntity t where t.ruleId = :r")
                .setParameter("r", id)
                .executeUpdate();
            em.createQuery("delete from RuleEntity r where r.id = :r")
                .setParameter("r", id)
                .executeUpdate();
            return null;
          }
        });
    invalidate();
  }

  /**
   * @throws IllegalArgumentException when there is no such rule
   */
  public RuleDefinition get(final long id) {
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

  /** The current index, rebuilt first when the rules changed since it was built. */
  RuleIndex index() {
    Snapshot s = snapshot;
    long now = clock.millis();
    if (s != null && now - s.checkedAt < refreshMillis) return s.index;
    synchronized (lock) {
      s = snapshot;
      if (s != null && now - s.checkedAt < refreshMillis) return s.index;
      List<Object> fp = fingerprint();
      if (s != null && s.fingerprint.equals(fp)) {
        snapshot = new Snapshot(s.index, fp, now);
      } else {
        snapshot =
            new Snapshot(RuleIndex.of(list(), s == null ? 1 : s.index.version() + 1), fp, now);
      }
      return snapshot.index;
    }
  }

  /** Forces a rebuild at the next {@link #index()}. */
  void invalidate() {
    synchronized (lock) {
      Snapshot s = snapshot;
      if (s != null)
        snapshot = new Snapshot(s.index, Arrays.<Object>asList("stale"), Long.MIN_VALUE / 2);
    }
  }

  private List<Object> fingerprint() {
    return jpa.tx(
        new Jpa.Work<List<Object>>() {
          @Override
          public List<Object> run(EntityManager em) {
            Object[] r =
                (Object[])
                    em.createQuery("select count(r), max(r.updatedAt) from RuleEntity r")
                        .getSingleResult();
            Object[] t =
                (Object[])
                    em.createQuery(
                            "select count(t), max(t.updatedAt), max(t.id) from RuleTagEntity t")
                        .getSingleResult();
            List<Object> fp = new ArrayList<Object>(Arrays.asList(r));
            fp.addAll(Arrays.asList(t));
            // Dates from different drivers compare by value only through their millis.
            for (int i = 0; i < fp.size(); i++) {
              if (fp.get(i) instanceof java.util.Date)
                fp.set(i, ((java.util.Date) fp.get(i)).getTime());
              if (fp.get(i) instanceof Number) fp.set(i, ((Number) fp.get(i)).longValue());
            }
            return fp;
          }
        });
  }

  private List<RuleDefinition> load(final String where) {
    return jpa.tx(
        new Jpa.Work<List<RuleDefinition>>() {
          @Override
          public List<RuleDefinition> run(EntityManager em) {
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
              List<RuleTag> l = tags.get(t.getRuleId());
              if (l == null) tags.put(t.getRuleId(), l = new ArrayList<RuleTag>());
              l.add(RuleTag.of(t.getTagName(), t.getKitTagId()));
            }
            List<RuleDefinition> out = new ArrayList<RuleDefinition>(rules.size());
            for (RuleEntity r : rules) {
              List<RuleTag> t = tags.get(r.getId());
              out.add(
                  RuleDefinition.builder()
                      .id(r.getId())
                      .trigger(r.getTrigger())
                      .integrationId(r.getIntegrationId())
                      .action(r.getAction())
                      .productId(r.getProductId())
                      .enabled(r.isEnabled())
                      .tags(t == null ? new ArrayList<RuleTag>() : t)
                      .build());
            }
            return out;
          }
        });
  }

  private static void copy(RuleDefinition d, RuleEntity e) {
    e.setTrigger(d.trigger());
    e.setIntegrationId(d.integrationId());
    e.setAction(d.action());
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

  private static final class Snapshot {
    final RuleIndex index;
    final List<Object> fingerprint;
    final long checkedAt;

    Snapshot(RuleIndex index, List<Object> fingerprint, long checkedAt) {
      this.index = index;
      this.fingerprint = fingerprint;
      this.checkedAt = checkedAt;
    }
  }
}

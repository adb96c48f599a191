package com.ckengine.engine;

import com.ckengine.api.RuleTag;
import com.ckengine.engine.store.CachedTagEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitTag;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds Kit's id for a tag a rule names (a tag typed by hand has no id yet): from the cached tags
 * of the integration, else by re-reading the account's tags once, else, for Add Tag, by creating it
 * in Kit.
 *
 * <p>A tag still absent after a re-read is remembered as absent for a while, per integration and
 * name: removing a tag that is not in Kit must not re-list the account's tags on every event (a
 * busy store would spend its Kit budget on it). Refreshing the tags in the admin forgets it.
 */
final class TagResolver {
  static final String CACHED_TAG_ID =
      "select t.kitTagId from CachedTagEntity t "
          + "where t.integrationId = :integration and lower(t.name) = :name";

  /** The cached tags that are this id, or have this name: is the id still the account's? */
  static final String CACHED_BY_ID_OR_NAME =
      "select t.kitTagId, t.name from CachedTagEntity t where t.integrationId = :integration "
          + "and (t.kitTagId = :id or lower(t.name) = :name)";

  private final Jpa jpa;
  private final Clock clock;
  private final long absentMillis;
  private final ConcurrentMap<String, Long> absentUntil = new ConcurrentHashMap<String, Long>();
  private final ConcurrentMap<Long, Object> lookups = new ConcurrentHashMap<Long, Object>();

  TagResolver(Jpa jpa, Clock clock, long absentMillis) {
    this.jpa = jpa;
    this.clock = clock;
    this.absentMillis = absentMillis;
  }

  /** A tag's id, or that it is absent, or the failed Kit call that stopped the look-up. */
  static final class Found {
    final Long id;
    final KitResult<?> failure;

    private Found(Long id, KitResult<?> failure) {
      this.id = id;
      this.failure = failure;
    }

    boolean absent() {
      return id == null && failure == null;
    }
  }

  Found find(
      long integrationId, KitCredential secret, String name, boolean create, KitCalls calls) {
    Long id = cached(integrationId, name);
    if (id != null) return new Found(id, null);
    // Actions of one integration are delivered several at a time: one look-up in Kit at a time per
    // integration, so two of them never create the same tag or rewrite the cache together.
    synchronized (lookups.computeIfAbsent(integrationId, i -> new Object())) {
      return lookUp(integrationId, secret, name, create, calls);
    }
  }

  private Found lookUp(
      long integrationId, KitCredential secret, String name, boolean create, KitCalls calls) {
    Long id = cached(integrationId, name); // found or made by the look-up we waited for
    if (id != null) return new Found(id, null);
    String key = integrationId + "|" + name.toLowerCase(Locale.ROOT);
    Long until = absentUntil.get(key);
    if (!create && until != null && until > clock.millis()) return new Found(null, null);

    KitResult<List<KitTag>> all = calls.call(secret, s -> calls.kit().listTags(s));
    if (!all.isSuccess()) return new Found(null, all);
    long now = clock.millis();
    jpa.tx(
        em -> {
          IntegrationEntity i = em.find(IntegrationEntity.class, integrationId);
          if (i != null) IntegrationService.replaceTags(em, i, all.value(), now);
          return null;
        });
    for (KitTag t : all.value()) {
      if (t.name().equalsIgnoreCase(name)) {
        absentUntil.remove(key);
        return new Found(t.id(), null);
      }
    }
    if (!create) {
      absentUntil.put(key, now + absentMillis);
      return new Found(null, null);
    }
    KitResult<KitTag> made = calls.call(secret, s -> calls.kit().createTag(s, name));
    if (!made.isSuccess()) return new Found(null, made);
    jpa.tx(
        em -> {
          em.persist(new CachedTagEntity(integrationId, made.value().id(), made.value().name()));
          return null;
        });
    absentUntil.remove(key);
    return new Found(made.value().id(), null);
  }

  /**
   * The id to use today for a tag the rule named with a Kit id: that id while the account's tags
   * (as last fetched) hold it; when they no longer do but hold a tag of the same name (the tag was
   * deleted and made again in Kit, and the tags refreshed), that tag's id. Otherwise the id as it
   * was, and Kit's answer says what is wrong with it.
   */
  long current(long integrationId, RuleTag tag) {
    long id = tag.kitTagId();
    List<Object[]> rows =
        jpa.tx(
            em ->
                em.createQuery(CACHED_BY_ID_OR_NAME, Object[].class)
                    .setParameter("integration", integrationId)
                    .setParameter("id", id)
                    .setParameter("name", tag.name().toLowerCase(Locale.ROOT))
                    .getResultList());
    Long byName = null;
    for (Object[] r : rows) {
      if (((Long) r[0]) == id) return id;
      byName = (Long) r[0];
    }
    return byName == null ? id : byName;
  }

  /** Forgets what was found absent for an integration (its tags were just refreshed). */
  void forget(long integrationId) {
    absentUntil.keySet().removeIf(k -> k.startsWith(integrationId + "|"));
  }

  private Long cached(long integrationId, String name) {
    return jpa.tx(
        em -> {
          List<Long> ids =
              em.createQuery(CACHED_TAG_ID, Long.class)
                  .setParameter("integration", integrationId)
                  .setParameter("name", name.toLowerCase(Locale.ROOT))
                  .getResultList();
          return ids.isEmpty() ? null : ids.get(0);
        });
  }
}

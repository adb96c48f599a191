package com.ckengine.engine;

import com.ckengine.api.StoreField;
import com.ckengine.engine.store.CachedFieldEntity;
import com.ckengine.engine.store.FieldMappingEntity;
import com.ckengine.engine.store.Jpa;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;

/**
 * Which store field goes to which of the Kit account's custom fields, per integration ({@code
 * CK_FIELD_MAPPING}), and the values an action sends with the subscriber. A mapping names a field
 * the account had when it was saved (the fields as last fetched, {@code CK_INTEGRATION_FIELD}); a
 * field Kit no longer has after a Refresh is left out of what is sent and the log entry says so:
 * Kit ignores an unknown key without an error, so failing or retrying the action would not bring
 * the field back.
 */
public final class FieldMappings {
  static final String MAPPINGS =
      "select m from FieldMappingEntity m where m.integrationId = :integration";

  static final String DELETE_MAPPINGS =
      "delete from FieldMappingEntity m where m.integrationId = :integration";

  static final String HAS_MAPPING =
      "select count(m) from FieldMappingEntity m where m.integrationId = :integration";

  static final String MAPPED_FIELDS =
      "select distinct m.storeField from FieldMappingEntity m"
          + " where m.integrationId in (:integrations)";

  static final String CACHED_FIELDS =
      "select f from CachedFieldEntity f where f.integrationId = :integration";

  private final Jpa jpa;

  FieldMappings(Jpa jpa) {
    this.jpa = jpa;
  }

  /** The integration's mapping: store field to the Kit field's key; empty when none. */
  public Map<StoreField, String> get(long integrationId) {
    return jpa.tx(em -> mapping(em, integrationId));
  }

  /**
   * Replaces the integration's mapping with {@code mapping} (store field to Kit field key; a store
   * field left out is not sent). Every key must be one of the account's custom fields as last
   * fetched.
   *
   * @throws IntegrationException when there is no such integration
   * @throws IllegalArgumentException naming each key the account does not have (nothing saved)
   */
  public void save(long integrationId, Map<StoreField, String> mapping) {
    jpa.tx(
        em -> {
          IntegrationService.find(em, integrationId);
          Map<String, String> labels = fieldLabels(em, integrationId);
          List<String> problems = new ArrayList<String>();
          for (Map.Entry<StoreField, String> m : mapping.entrySet()) {
            if (m.getKey() == null) throw new NullPointerException("store field");
            if (m.getValue() == null || !labels.containsKey(m.getValue())) {
              problems.add(
                  m.getKey().label()
                      + ": the Kit account has no custom field '"
                      + m.getValue()
                      + "' (Refresh the integration to read its fields again)");
            }
          }
          if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
          em.createQuery(DELETE_MAPPINGS)
              .setParameter("integration", integrationId)
              .executeUpdate();
          for (Map.Entry<StoreField, String> m : mapping.entrySet()) {
            em.persist(new FieldMappingEntity(integrationId, m.getKey(), m.getValue()));
          }
          return null;
        });
  }

  /**
   * A mapping as a browser posts it: store field name to Kit field key, a blank key meaning not
   * mapped.
   *
   * @throws IllegalArgumentException naming each store field this engine does not have
   */
  public static Map<StoreField, String> parse(Map<String, String> posted) {
    Map<StoreField, String> mapping = new EnumMap<StoreField, String>(StoreField.class);
    List<String> unknown = new ArrayList<String>();
    for (Map.Entry<String, String> p : posted.entrySet()) {
      StoreField field = StoreField.named(p.getKey());
      if (field == null) {
        unknown.add(String.valueOf(p.getKey()));
        continue;
      }
      String key = p.getValue() == null ? "" : p.getValue().trim();
      if (!key.isEmpty()) mapping.put(field, key);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("no such store field: " + String.join(", ", unknown));
    }
    return mapping;
  }

  /** Whether the integration sends any custom field (its Add Tag actions then go one by one). */
  boolean hasAny(long integrationId) {
    Long n =
        jpa.tx(
            em ->
                em.createQuery(HAS_MAPPING, Long.class)
                    .setParameter("integration", integrationId)
                    .getSingleResult());
    return n > 0;
  }

  /** What an action sends to Kit's {@code fields}, and what it leaves out and why. */
  static final class Values {
    /** Kit field key to value, in store field order. */
    final Map<String, String> fields;

    /** For the log: mapped fields not sent because Kit's account no longer has them. */
    final List<String> notSent;

    Values(Map<String, String> fields, List<String> notSent) {
      this.fields = Collections.unmodifiableMap(fields);
      this.notSent = Collections.unmodifiableList(notSent);
    }

    /** The delivered message with what was left out, e.g. "tagged; not sent: ...". */
    String describe(String delivered) {
      if (notSent.isEmpty()) return delivered;
      return delivered + "; not sent: " + String.join("; ", notSent);
    }
  }

  /**
   * The values for the integration's mapping from the event's stored facts ({@code
   * CK_EVENT.FACTS_JSON}); a fact the event does not have is not sent (Kit keeps what it has).
   */
  Values valuesFor(long integrationId, String factsJson) {
    Map<StoreField, String> facts = EventFacts.read(factsJson);
    if (facts.isEmpty()) {
      return new Values(new LinkedHashMap<String, String>(), new ArrayList<String>());
    }
    return jpa.tx(
        em -> {
          Map<StoreField, String> mapping = mapping(em, integrationId);
          Map<String, String> fields = new LinkedHashMap<String, String>();
          List<String> notSent = new ArrayList<String>();
          if (mapping.isEmpty()) return new Values(fields, notSent);
          Map<String, String> labels = fieldLabels(em, integrationId);
          for (Map.Entry<StoreField, String> m : mapping.entrySet()) {
            String value = facts.get(m.getKey());
            if (value == null) continue;
            if (!labels.containsKey(m.getValue())) {
              notSent.add(
                  m.getKey().label()
                      + " (Kit's custom field '"
                      + m.getValue()
                      + "' is no longer in the account: map it to another field or create it"
                      + " in Kit and Refresh)");
              continue;
            }
            fields.put(m.getValue(), value);
          }
          return new Values(fields, notSent);
        });
  }

  /**
   * The store fields any of {@code integrationIds} sends to Kit: the facts an event planned for
   * them keeps (none without a mapping, and no query for an event that plans nothing).
   */
  static Set<StoreField> mappedFields(EntityManager em, Set<Long> integrationIds) {
    Set<StoreField> fields = EnumSet.noneOf(StoreField.class);
    if (integrationIds.isEmpty()) return fields;
    fields.addAll(
        em.createQuery(MAPPED_FIELDS, StoreField.class)
            .setParameter("integrations", integrationIds)
            .getResultList());
    return fields;
  }

  private static Map<StoreField, String> mapping(EntityManager em, long integrationId) {
    Map<StoreField, String> mapping = new EnumMap<StoreField, String>(StoreField.class);
    for (FieldMappingEntity m :
        em.createQuery(MAPPINGS, FieldMappingEntity.class)
            .setParameter("integration", integrationId)
            .getResultList()) {
      mapping.put(m.getStoreField(), m.getKitFieldKey());
    }
    return mapping;
  }

  /** The account's custom fields as last fetched: key to label. */
  private static Map<String, String> fieldLabels(EntityManager em, long integrationId) {
    Map<String, String> labels = new LinkedHashMap<String, String>();
    for (CachedFieldEntity f :
        em.createQuery(CACHED_FIELDS, CachedFieldEntity.class)
            .setParameter("integration", integrationId)
            .getResultList()) {
      labels.put(f.getKey(), f.getLabel());
    }
    return labels;
  }
}

package com.ckengine.engine;

import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.TypedQuery;

/**
 * The integration log: every event and action with its outcome ({@code CK_ACTION}, which carries
 * copies of the event's searchable fields), searchable and paged newest first by a cursor. Reads
 * only: what an operator does to the log (Retry, Send anyway, retention now) is {@link LogActions},
 * and every change of an action row is the {@link ActionStore}'s.
 */
public final class IntegrationLog {
  static final String SEARCH = "select a from ActionEntity a where 1 = 1";
  static final String BY_EMAIL = " and a.emailLc = :email";
  static final String BY_REFERENCE = " and a.reference = :reference";
  static final String BY_STATUS = " and a.status = :status";
  static final String BY_TRIGGER = " and a.trigger = :trigger";
  static final String BY_ACTION = " and a.action = :action";
  static final String BY_INTEGRATION = " and a.integrationId = :integration";
  static final String BY_TEST = " and a.test = :test";
  static final String FROM_PAST_ORDERS = " and a.pastRunId is not null";
  static final String LIVE_ONLY = " and a.pastRunId is null";
  static final String BY_PAST_RUN = " and a.pastRunId = :pastRun";
  static final String FROM = " and a.createdAt >= :from";
  static final String TO = " and a.createdAt < :to";
  static final String BY_TAG =
      " and a.id in (select t.key.actionId from ActionTagEntity t where t.key.tagKey = :tag)";
  static final String AFTER_CURSOR =
      " and (a.createdAt < :cursorTime or (a.createdAt = :cursorTime and a.id < :cursorId))";
  static final String NEWEST_FIRST = " order by a.createdAt desc, a.id desc";

  static final String LABELS = "select i from IntegrationEntity i where i.id in (:ids)";

  private final Jpa jpa;

  IntegrationLog(Jpa jpa) {
    this.jpa = jpa;
  }

  /** The entries matching {@code q}, newest first. */
  public LogPage search(LogQuery q) {
    String first = jpa.dialect().beforeLogSearch();
    return jpa.tx(
        em -> {
          if (first != null) em.createNativeQuery(first).executeUpdate();
          StringBuilder jpql = new StringBuilder(SEARCH);
          Map<String, Object> p = new HashMap<String, Object>();
          if (q.email != null) add(jpql, p, BY_EMAIL, "email", q.email.toLowerCase(Locale.ROOT));
          if (q.reference != null) add(jpql, p, BY_REFERENCE, "reference", q.reference);
          if (q.status != null) add(jpql, p, BY_STATUS, "status", q.status);
          if (q.trigger != null) add(jpql, p, BY_TRIGGER, "trigger", q.trigger);
          // The stored name: ActionType is an open set of names, not an enum column.
          if (q.action != null) add(jpql, p, BY_ACTION, "action", q.action.name());
          if (q.integrationId != null) add(jpql, p, BY_INTEGRATION, "integration", q.integrationId);
          if (q.test != null) add(jpql, p, BY_TEST, "test", q.test);
          if (q.pastOrders != null) jpql.append(q.pastOrders ? FROM_PAST_ORDERS : LIVE_ONLY);
          if (q.pastRunId != null) add(jpql, p, BY_PAST_RUN, "pastRun", q.pastRunId);
          if (q.from != null) add(jpql, p, FROM, "from", q.from.toEpochMilli());
          if (q.to != null) add(jpql, p, TO, "to", q.to.toEpochMilli());
          if (q.tag != null) add(jpql, p, BY_TAG, "tag", q.tag.toLowerCase(Locale.ROOT));
          if (q.after != null) {
            add(jpql, p, AFTER_CURSOR, "cursorTime", q.after.createdAt);
            p.put("cursorId", q.after.actionId);
          }
          jpql.append(NEWEST_FIRST);
          TypedQuery<ActionEntity> query = em.createQuery(jpql.toString(), ActionEntity.class);
          for (Map.Entry<String, Object> e : p.entrySet()) {
            query.setParameter(e.getKey(), e.getValue());
          }
          List<ActionEntity> rows = query.setMaxResults(q.pageSize + 1).getResultList();
          boolean more = rows.size() > q.pageSize;
          if (more) rows = rows.subList(0, q.pageSize);
          Map<Long, String> labels = labels(em, rows);
          List<LogEntry> out = new ArrayList<LogEntry>(rows.size());
          for (ActionEntity a : rows) out.add(entry(a, labels.get(a.getIntegrationId())));
          ActionEntity last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
          return new LogPage(out, more ? new LogCursor(last.getCreatedAt(), last.getId()) : null);
        });
  }

  private static void add(
      StringBuilder jpql, Map<String, Object> p, String clause, String name, Object value) {
    jpql.append(clause);
    p.put(name, value);
  }

  private static Map<Long, String> labels(
      javax.persistence.EntityManager em, List<ActionEntity> rows) {
    Set<Long> ids = new HashSet<Long>();
    for (ActionEntity a : rows) if (a.getIntegrationId() != null) ids.add(a.getIntegrationId());
    Map<Long, String> out = new HashMap<Long, String>();
    if (ids.isEmpty()) return out;
    for (IntegrationEntity i :
        em.createQuery(LABELS, IntegrationEntity.class).setParameter("ids", ids).getResultList()) {
      out.put(i.getId(), i.getLabel());
    }
    return out;
  }

  private static LogEntry entry(ActionEntity a, String label) {
    return new LogEntry(
        a.getId(),
        a.getEventId(),
        Instant.ofEpochMilli(a.getCreatedAt()),
        a.getTrigger(),
        a.getRuleScope(),
        a.getRuleIds(),
        a.getIntegrationId(),
        label,
        a.getEmail(),
        a.getReference(),
        a.getAction(),
        a.getTags(),
        a.getTarget() == null ? null : a.getTarget().name(),
        a.getStatus(),
        a.getAttempts(),
        a.getLastHttpStatus(),
        a.getLastMessage(),
        a.getNote(),
        a.isTest(),
        Instant.ofEpochMilli(a.getDueAt()),
        a.getFinishedAt() == null ? null : Instant.ofEpochMilli(a.getFinishedAt()),
        a.isInDoubt(),
        a.getPastRunId());
  }

  /** One entry of the log by its action id (the Logs screen's detail), or null when none. */
  public LogEntry entry(long actionId) {
    return jpa.tx(
        em -> {
          ActionEntity a = em.find(ActionEntity.class, actionId);
          if (a == null) return null;
          return entry(
              a, labels(em, java.util.Collections.singletonList(a)).get(a.getIntegrationId()));
        });
  }
}

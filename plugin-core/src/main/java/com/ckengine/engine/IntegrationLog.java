package com.ckengine.engine;

import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.TypedQuery;

/**
 * The integration log: every event and action with its outcome ({@code CK_ACTION}, which carries
 * copies of the event's searchable fields), searchable and paged, newest first; retry on demand of
 * failed actions; and retention, which deletes old events in batches while keeping at least the
 * newest N.
 */
public final class IntegrationLog {
  private final Jpa jpa;
  private final Clock clock;
  private final Runnable onRetry;

  IntegrationLog(Jpa jpa, Clock clock, Runnable onRetry) {
    this.jpa = jpa;
    this.clock = clock;
    this.onRetry = onRetry;
  }

  /** The entries matching {@code q}, newest first. */
  public LogPage search(final LogQuery q) {
    return jpa.tx(
        new Jpa.Work<LogPage>() {
          @Override
          public LogPage run(EntityManager em) {
            StringBuilder jpql = new StringBuilder("select a from ActionEntity a where 1 = 1");
            Map<String, Object> p = new HashMap<String, Object>();
            if (q.email != null)
              add(jpql, p, " and a.emailLc = :email", "email", q.email.toLowerCase(Locale.ROOT));
            if (q.reference != null) add(jpql, p, " and a.reference = :ref", "ref", q.reference);
            if (q.status != null) add(jpql, p, " and a.status = :status", "status", q.status);
            if (q.trigger != null) add(jpql, p, " and a.trigger = :trigger", "trigger", q.trigger);
            if (q.integrationId != null)
              add(jpql, p, " and a.integrationId = :int", "int", q.integrationId);
            if (q.test != null) add(jpql, p, " and a.test = :test", "test", q.test);
            if (q.from != null)
              add(jpql, p, " and a.createdAt >= :from", "from", Date.from(q.from));
            if (q.to != null) add(jpql, p, " and a.createdAt < :to", "to", Date.from(q.to));
            if (q.tag != null) {
              add(
                  jpql,
                  p,
                  " and a.id in (select t.key.actionId from ActionTagEntity t where t.key.tagKey = :tag)",
                  "tag",
                  q.tag.toLowerCase(Locale.ROOT));
            }
            jpql.append(" order by a.createdAt desc, a.id desc");
            TypedQuery<ActionEntity> query = em.createQuery(jpql.toString(), ActionEntity.class);
            for (Map.Entry<String, Object> e : p.entrySet())
              query.setParameter(e.getKey(), e.getValue());
            List<ActionEntity> rows =
                query
                    .setFirstResult(q.page * q.pageSize)
                    .setMaxResults(q.pageSize + 1)
                    .getResultList();
            boolean more = rows.size() > q.pageSize;
            if (more) rows = rows.subList(0, q.pageSize);
            Map<Long, String> labels = labels(em, rows);
            List<LogEntry> out = new ArrayList<LogEntry>(rows.size());
            for (ActionEntity a : rows) out.add(entry(a, labels.get(a.getIntegrationId())));
            return new LogPage(out, q.page, more);
          }
        });
  }

  /**
   * Sends a FAILED action again: it becomes PENDING, due now, with a fresh retry horizon.
   *
   * @return false when the action does not exist or is not FAILED
   */
  public boolean retry(final long actionId) {
    final Date now = new Date(clock.millis());
    int n =
        jpa.tx(
            new Jpa.Work<Integer>() {
              @Override
              public Integer run(EntityManager em) {
                return em.createQuery(
                        "update ActionEntity a set a.status = :p, a.dueAt = :now, "
                            + "a.firstAttemptAt = null, a.finishedAt = null, a.claimToken = null, "
                            + "a.claimedUntil = null, a.note = :n where a.id = :id and a.status = :f")
                    .setParameter("p", ActionStatus.PENDING)
                    .setParameter("now", now)
                    .setParameter("n", "retried by the operator")
                    .setParameter("id", actionId)
                    .setParameter("f", ActionStatus.FAILED)
                    .executeUpdate();
              }
            });
    if (n == 1) onRetry.run();
    return n == 1;
  }

  /**
   * Deletes events older than the newest {@code keep} (and their actions), {@code batchSize} events
   * per transaction so a large purge never holds long locks. Events with actions still open are
   * kept. The purchase records that prevent double purchases are not touched.
   *
   * @return the number of events deleted
   */
  public int purge(final int keep, final int batchSize) {
    if (keep < 1) throw new IllegalArgumentException("keep must be at least 1");
    final Date cutoff =
        jpa.tx(
            new Jpa.Work<Date>() {
              @Override
              public Date run(EntityManager em) {
                List<Date> d =
                    em.createQuery(
                            "select e.receivedAt from EventEntity e "
                                + "order by e.receivedAt desc",
                            Date.class)
                        .setFirstResult(keep - 1)
                        .setMaxResults(1)
                        .getResultList();
                return d.isEmpty() ? null : d.get(0);
              }
            });
    if (cutoff == null) return 0;
    int deleted = 0;
    while (true) {
      int n =
          jpa.tx(
              new Jpa.Work<Integer>() {
                @Override
                public Integer run(EntityManager em) {
                  List<Long> ids =
                      em.createQuery(
                              "select e.id from EventEntity e where e.receivedAt < :c "
                                  + "and not exists (select a.id from ActionEntity a where a.eventId = e.id "
                                  + "and a.status in (:open)) order by e.receivedAt",
                              Long.class)
                          .setParameter("c", cutoff)
                          .setParameter("open", Outbox.OPEN)
                          .setMaxResults(batchSize)
                          .getResultList();
                  if (ids.isEmpty()) return 0;
                  em.createQuery(
                          "delete from ActionTagEntity t where t.key.actionId in "
                              + "(select a.id from ActionEntity a where a.eventId in (:ids))")
                      .setParameter("ids", ids)
                      .executeUpdate();
                  em.createQuery("delete from ActionEntity a where a.eventId in (:ids)")
                      .setParameter("ids", ids)
                      .executeUpdate();
                  em.createQuery("delete from EventEntity e where e.id in (:ids)")
                      .setParameter("ids", ids)
                      .executeUpdate();
                  return ids.size();
                }
              });
      deleted += n;
      if (n < batchSize) return deleted;
    }
  }

  private static void add(
      StringBuilder jpql, Map<String, Object> p, String clause, String name, Object value) {
    jpql.append(clause);
    p.put(name, value);
  }

  private static Map<Long, String> labels(EntityManager em, List<ActionEntity> rows) {
    Set<Long> ids = new HashSet<Long>();
    for (ActionEntity a : rows) if (a.getIntegrationId() != null) ids.add(a.getIntegrationId());
    Map<Long, String> out = new HashMap<Long, String>();
    if (ids.isEmpty()) return out;
    for (IntegrationEntity i :
        em.createQuery(
                "select i from IntegrationEntity i where i.id in (:ids)", IntegrationEntity.class)
            .setParameter("ids", ids)
            .getResultList()) {
      out.put(i.getId(), i.getLabel());
    }
    return out;
  }

  private static LogEntry entry(ActionEntity a, String label) {
    return new LogEntry(
        a.getId(),
        a.getEventId(),
        a.getCreatedAt().toInstant(),
        a.getTrigger(),
        a.getRuleScope(),
        a.getRuleIds(),
        a.getIntegrationId(),
        label,
        a.getEmail(),
        a.getReference(),
        a.getAction(),
        a.getTags(),
        a.getStatus(),
        a.getAttempts(),
        a.getLastHttpStatus(),
        a.getLastMessage(),
        a.getNote(),
        a.isTest(),
        a.getDueAt().toInstant(),
        a.getFinishedAt() == null ? null : a.getFinishedAt().toInstant());
  }

  /** One entry of the log by its action id (the Logs screen's detail), or null when none. */
  public LogEntry entry(final long actionId) {
    return jpa.tx(
        new Jpa.Work<LogEntry>() {
          @Override
          public LogEntry run(EntityManager em) {
            ActionEntity a = em.find(ActionEntity.class, actionId);
            if (a == null) return null;
            return entry(
                a, labels(em, java.util.Collections.singletonList(a)).get(a.getIntegrationId()));
          }
        });
  }
}

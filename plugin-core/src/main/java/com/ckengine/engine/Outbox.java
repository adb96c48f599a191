package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.ActionTagEntity;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.engine.store.Jpa;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

/**
 * The transactional outbox: {@link #publish} evaluates the rules in memory and writes the event and
 * its planned actions in one transaction; workers deliver them later. No Kit call happens here.
 */
final class Outbox implements EventPublisher {
  static final List<ActionStatus> OPEN = Arrays.asList(ActionStatus.PENDING, ActionStatus.RETRYING);
  static final String NO_RULE = "no rule matched";

  private final Jpa jpa;
  private final RuleService rules;
  private final Clock clock;
  private final long prospectDelayMillis;
  private final Runnable onNewWork;

  Outbox(Jpa jpa, RuleService rules, Clock clock, long prospectDelayMillis, Runnable onNewWork) {
    this.jpa = jpa;
    this.rules = rules;
    this.clock = clock;
    this.prospectDelayMillis = prospectDelayMillis;
    this.onNewWork = onNewWork;
  }

  @Override
  public PublishResult publish(final StoreEvent event) {
    if (event == null) throw new NullPointerException("event");
    final List<PlannedAction> plan = RuleEvaluator.plan(rules.index(), event);
    PublishResult result;
    try {
      result =
          jpa.tx(
              new Jpa.Work<PublishResult>() {
                @Override
                public PublishResult run(EntityManager em) {
                  Long existing = eventId(em, event.eventKey());
                  if (existing != null) return PublishResult.duplicate(existing);
                  return store(em, event, plan);
                }
              });
    } catch (PersistenceException e) {
      // Two nodes (or threads) published the same key at once: the unique key let one win.
      Long existing =
          jpa.tx(
              new Jpa.Work<Long>() {
                @Override
                public Long run(EntityManager em) {
                  return eventId(em, event.eventKey());
                }
              });
      if (existing == null) throw e;
      result = PublishResult.duplicate(existing);
    }
    if (result.plannedActions() > 0) onNewWork.run();
    return result;
  }

  @Override
  public int cancel(final Trigger trigger, final String reference) {
    if (trigger == null || reference == null) throw new NullPointerException("trigger/reference");
    final Date now = new Date(clock.millis());
    return jpa.tx(
        new Jpa.Work<Integer>() {
          @Override
          public Integer run(EntityManager em) {
            // Only unclaimed rows (or rows whose claim expired): one being delivered is left alone.
            return em.createQuery(
                    "update ActionEntity a set a.status = :c, a.note = :n, "
                        + "a.finishedAt = :now where a.trigger = :t and a.reference = :r and a.status in (:open) "
                        + "and (a.claimToken is null or a.claimedUntil < :now)")
                .setParameter("c", ActionStatus.CANCELLED)
                .setParameter("n", "cancelled by the store")
                .setParameter("now", now)
                .setParameter("t", trigger)
                .setParameter("r", reference)
                .setParameter("open", OPEN)
                .executeUpdate();
          }
        });
  }

  private PublishResult store(EntityManager em, StoreEvent event, List<PlannedAction> plan) {
    Date now = new Date(clock.millis());
    EventEntity e = new EventEntity();
    e.setEventKey(event.eventKey());
    e.setTrigger(event.trigger());
    e.setOccurredAt(Date.from(event.occurredAt()));
    e.setReceivedAt(now);
    e.setEmail(event.email());
    e.setFirstName(event.firstName());
    e.setReference(event.reference());
    e.setCurrency(event.currency());
    e.setSubtotal(event.subtotal());
    e.setTax(event.tax());
    e.setShipping(event.shipping());
    e.setDiscount(event.discount());
    e.setTotal(event.total());
    e.setTest(event.isTest());
    e.setLinesJson(event.lines().isEmpty() ? null : LinesJson.write(event.lines()));
    em.persist(e);

    Date due =
        event.trigger() == Trigger.PROSPECT_CREATED
            ? new Date(now.getTime() + prospectDelayMillis)
            : now;
    int deliverable = 0;
    if (plan.isEmpty()) {
      ActionEntity a = action(e, now, due, event.eventKey() + "|none");
      a.setStatus(ActionStatus.SKIPPED);
      a.setNote(NO_RULE);
      em.persist(a);
    }
    for (PlannedAction p : plan) {
      ActionEntity a =
          action(
              e,
              now,
              due,
              event.eventKey()
                  + "|"
                  + p.integrationId()
                  + "|"
                  + p.type()
                  + (p.isSkipped() ? "|skip" : ""));
      a.setIntegrationId(p.integrationId());
      a.setAction(p.type());
      a.setRuleIds(join(p.ruleIds()));
      a.setRuleScope(p.scope());
      a.setTags(tagNames(p.tags()));
      a.setTagSpec(TagSpec.write(p.tags()));
      if (p.isSkipped()) {
        a.setStatus(ActionStatus.SKIPPED);
        a.setNote(p.skipReason());
      } else {
        a.setStatus(ActionStatus.PENDING);
        deliverable++;
      }
      em.persist(a);
      Set<String> keys = new HashSet<String>();
      for (RuleTag t : p.tags()) {
        if (keys.add(t.key())) em.persist(new ActionTagEntity(a.getId(), t.key()));
      }
    }
    return PublishResult.accepted(e.getId(), deliverable);
  }

  private static ActionEntity action(EventEntity e, Date now, Date due, String key) {
    ActionEntity a = new ActionEntity();
    a.setEventId(e.getId());
    a.setIdempotencyKey(key);
    a.setTrigger(e.getTrigger());
    a.setEmail(e.getEmail());
    a.setEmailLc(e.getEmail().toLowerCase(Locale.ROOT));
    a.setReference(e.getReference());
    a.setTest(e.isTest());
    a.setCreatedAt(now);
    a.setDueAt(due);
    return a;
  }

  private static Long eventId(EntityManager em, String key) {
    List<Long> ids =
        em.createQuery("select e.id from EventEntity e where e.eventKey = :k", Long.class)
            .setParameter("k", key)
            .getResultList();
    return ids.isEmpty() ? null : ids.get(0);
  }

  static String tagNames(List<RuleTag> tags) {
    StringBuilder b = new StringBuilder();
    for (RuleTag t : tags) b.append(b.length() == 0 ? "" : ", ").append(t.name());
    return b.length() == 0 ? null : b.toString();
  }

  private static String join(List<Long> ids) {
    StringBuilder b = new StringBuilder();
    for (Long id : ids) b.append(b.length() == 0 ? "" : ",").append(id);
    return b.length() == 0 ? null : b.toString();
  }

  static List<EventLine> lines(EventEntity e) {
    return LinesJson.read(e.getLinesJson());
  }
}

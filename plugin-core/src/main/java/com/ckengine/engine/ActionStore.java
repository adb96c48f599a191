package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.InvalidEventException;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.ActionTagEntity;
import com.ckengine.engine.store.Columns;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PurchaseRecordEntity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

/**
 * The one owner of every state change of an action row ({@code CK_ACTION}) and of the purchase
 * records that guard it: planning, claiming, extending and releasing claims, recording outcomes,
 * cancelling, retrying and retention all happen here, each as one named query. A worker never
 * writes an action row by itself.
 *
 * <p>The life of a row: PENDING (due at {@code DUE_AT}) → claimed by one worker ({@code
 * CLAIM_TOKEN}, until {@code CLAIMED_UNTIL}; the claim counts the attempt) → DELIVERED, SKIPPED,
 * FAILED, CANCELLED, or RETRYING (due again later). Every result is written only under the claim
 * token that took the row, so a worker whose claim was taken over never overwrites the newer
 * outcome. All times are UTC epoch milliseconds from the engine's clock (the database's).
 */
final class ActionStore {
  static final List<ActionStatus> OPEN = Arrays.asList(ActionStatus.PENDING, ActionStatus.RETRYING);

  /** Statuses whose events retention keeps: still to deliver, or waiting on the operator. */
  static final List<ActionStatus> KEPT_BY_RETENTION =
      Arrays.asList(ActionStatus.PENDING, ActionStatus.RETRYING, ActionStatus.FAILED);

  static final String NO_RULE = "no rule matched";

  // --- Reading what is due -------------------------------------------------------------------

  /**
   * One subscriber's actions go in order, through retries. "Earlier" means planned to happen
   * earlier: {@code FIRST_DUE_AT} (never moved by retries), then id; "the same subscriber" means
   * the same email (case ignored) in the same integration. An action is claimed only when no
   * earlier action of its subscriber is still open (PENDING or RETRYING, claimed or not): {@link
   * #NO_EARLIER_OPEN_ACTION_OF_ROW}. FAILED, finished and cancelled actions hold nothing back.
   *
   * <p>For the queries that find due work over {@code a}: no earlier open action of the subscriber
   * is waiting (not due yet, or claimed by a live worker). An earlier one that is due and free
   * comes in the same batch, and the subscriber's lane delivers it first.
   */
  static final String NO_EARLIER_ACTION_WAITING =
      "not exists (select b.id from ActionEntity b where b.integrationId = a.integrationId "
          + "and b.emailLc = a.emailLc and b.status in (:open) and (b.firstDueAt < a.firstDueAt "
          + "or (b.firstDueAt = a.firstDueAt and b.id < a.id)) "
          + "and (b.dueAt > :now or (b.claimToken is not null and b.claimedUntil >= :now)))";

  /**
   * For the claim: no earlier action of the claimed row's subscriber is open. The row's values are
   * parameters: in a bulk UPDATE Hibernate drops the outer alias, so a correlated column would bind
   * to {@code b}.
   */
  static final String NO_EARLIER_OPEN_ACTION_OF_ROW =
      "not exists (select b.id from ActionEntity b where b.integrationId = :integration "
          + "and b.emailLc = :subscriber and b.status in (:open) and (b.firstDueAt < :firstDueAt "
          + "or (b.firstDueAt = :firstDueAt and b.id < :id)))";

  static final String INTEGRATIONS_WITH_DUE_WORK =
      "select distinct a.integrationId from ActionEntity a "
          + "where a.status in (:open) and a.dueAt <= :now and a.integrationId is not null "
          + "and (a.claimToken is null or a.claimedUntil < :now) "
          // Kit refused the secret: hold the actions until the operator replaces it.
          + "and a.integrationId not in "
          + "(select i.id from IntegrationEntity i where i.status = :needsAttention) and "
          + NO_EARLIER_ACTION_WAITING;

  static final String DUE_ACTIONS =
      "select a.id, a.emailLc, a.action from ActionEntity a where a.integrationId = :integration "
          + "and a.status in (:open) and a.dueAt <= :now "
          + "and (a.claimToken is null or a.claimedUntil < :now) and "
          + NO_EARLIER_ACTION_WAITING
          // Planned order: a subscriber's lane gets its actions in the order they must go.
          + " order by a.firstDueAt, a.id";

  // --- Claims -----------------------------------------------------------------------------------

  /** The planned tags of an action, in the order the rules named them. */
  static final String TAGS_OF_ACTION =
      "select t from ActionTagEntity t where t.key.actionId = :action order by t.position";

  static final String CLAIM =
      "update ActionEntity a set a.claimToken = :token, a.claimedUntil = :claimedUntil, "
          + "a.attempts = a.attempts + 1, a.lastAttemptAt = :now, "
          + "a.firstAttemptAt = coalesce(a.firstAttemptAt, :now) "
          + "where a.id = :id and a.status in (:open) and a.dueAt <= :now "
          + "and (a.claimToken is null or a.claimedUntil < :now) and "
          + NO_EARLIER_OPEN_ACTION_OF_ROW;

  static final String SET_RECONCILE_FLOOR =
      "update ActionEntity a set a.reconcileFloor = :floor "
          + "where a.id = :id and a.claimToken = :token and a.reconcileFloor is null";

  /**
   * A purchase whose claim was left behind may be in Kit: the doubt is written to the row with the
   * new claim, so it outlives that claim even if it is handed back unused.
   */
  static final String MARK_IN_DOUBT =
      "update ActionEntity a set a.inDoubt = true where a.id = :id and a.claimToken = :token";

  static final String HIGHEST_KIT_PURCHASE_ID =
      "select max(p.kitPurchaseId) from PurchaseRecordEntity p "
          + "where p.key.integrationId = :integration";

  static final String EXTEND_CLAIM =
      "update ActionEntity a set a.claimedUntil = :claimedUntil "
          + "where a.id = :id and a.claimToken = :token";

  /** Hands a claimed row back untouched: the attempt it counted did not happen. */
  static final String RELEASE =
      "update ActionEntity a set a.claimToken = null, a.claimedUntil = null, "
          + "a.attempts = a.attempts - 1 where a.id = :id and a.claimToken = :token";

  static final String COMPLETE =
      "update ActionEntity a set a.status = :status, a.dueAt = :dueAt, a.lastHttpStatus = :http, "
          + "a.lastMessage = :message, a.inDoubt = :inDoubt, "
          + "a.claimToken = null, a.claimedUntil = null, a.finishedAt = :finishedAt "
          + "where a.id = :id and a.claimToken = :token";

  /** {@link #COMPLETE} that also sets the note (a null parameter is not typed on PostgreSQL). */
  static final String COMPLETE_WITH_NOTE =
      "update ActionEntity a set a.status = :status, a.dueAt = :dueAt, a.lastHttpStatus = :http, "
          + "a.lastMessage = :message, a.note = :note, a.inDoubt = :inDoubt, "
          + "a.claimToken = null, a.claimedUntil = null, a.finishedAt = :finishedAt "
          + "where a.id = :id and a.claimToken = :token";

  static final String PURCHASE_RECORD_EXISTS =
      "select count(p) from PurchaseRecordEntity p "
          + "where p.key.integrationId = :integration and p.key.transactionId = :transactionId";

  // --- Changes from outside delivery ------------------------------------------------------------

  static final String CANCEL_BY_REFERENCE =
      "update ActionEntity a set a.status = :cancelled, a.note = :note, a.finishedAt = :now "
          + "where a.trigger = :trigger and a.reference = :reference and a.status in (:open) "
          // A row being delivered at this moment is left alone.
          + "and (a.claimToken is null or a.claimedUntil < :now)";

  static final String CANCEL_FOR_INTEGRATION =
      "update ActionEntity a set a.status = :cancelled, a.note = :note, a.finishedAt = :now "
          + "where a.integrationId = :integration and a.status in (:open)";

  static final String DELETE_TAGS_OF_ACTION =
      "delete from ActionTagEntity t where t.key.actionId = :action";

  static final String RETRY_FAILED =
      "update ActionEntity a set a.status = :pending, a.dueAt = :now, a.firstAttemptAt = null, "
          + "a.finishedAt = null, a.claimToken = null, a.claimedUntil = null, a.note = :note "
          + "where a.id = :id and a.status = :failed";

  /** The operator checked Kit for a purchase the engine could not look up: send it, no look-up. */
  static final String SEND_ANYWAY =
      "update ActionEntity a set a.status = :pending, a.dueAt = :now, a.inDoubt = false, "
          + "a.firstAttemptAt = null, a.finishedAt = null, a.claimToken = null, "
          + "a.claimedUntil = null, a.note = :note "
          + "where a.id = :id and a.status = :failed and a.inDoubt = true and a.action = :purchase";

  // --- Retention --------------------------------------------------------------------------------

  /**
   * The next old events in (received time, id) order after a position: one range of the index on
   * {@code CK_EVENT (RECEIVED_AT, ID)} from the position, left after one batch (see {@link
   * LogRetention}).
   */
  static final String OLD_EVENTS_AFTER =
      "select e.id, e.receivedAt from EventEntity e "
          + "where e.receivedAt >= :afterTime and e.receivedAt < :cutoff "
          + "and (e.receivedAt > :afterTime or e.id > :afterId) order by e.receivedAt, e.id";

  /** Events whose actions finished since a time: read by the index on {@code FINISHED_AT}. */
  static final String EVENTS_FINISHED_SINCE =
      "select distinct a.eventId from ActionEntity a where a.finishedAt >= :since";

  static final String OLD_AMONG =
      "select e.id from EventEntity e where e.id in (:ids) and e.receivedAt < :cutoff";

  /** Of these events, those retention keeps: an action unfinished, FAILED or in doubt. */
  static final String KEPT_AMONG =
      "select distinct a.eventId from ActionEntity a where a.eventId in (:ids) "
          + "and (a.status in (:kept) or a.inDoubt = true)";

  static final String DELETE_ACTION_TAGS_OF_EVENTS =
      "delete from ActionTagEntity t where t.key.actionId in "
          + "(select a.id from ActionEntity a where a.eventId in (:ids))";

  static final String DELETE_ACTIONS_OF_EVENTS =
      "delete from ActionEntity a where a.eventId in (:ids)";

  static final String DELETE_EVENTS = "delete from EventEntity e where e.id in (:ids)";

  static final String OLD_PURCHASE_RECORDS =
      "select p.key.integrationId, p.key.transactionId from PurchaseRecordEntity p "
          + "where p.sentAt < :cutoff";

  static final String DELETE_PURCHASE_RECORD =
      "delete from PurchaseRecordEntity p "
          + "where p.key.integrationId = :integration and p.key.transactionId = :transactionId";

  static final String EVENT_ID_BY_KEY = "select e.id from EventEntity e where e.eventKey = :key";

  // --- Past orders ------------------------------------------------------------------------------

  /** Whether an action with this idempotency key was ever planned (live or by a past run). */
  static final String ACTION_KEY_EXISTS =
      "select count(a) from ActionEntity a where a.idempotencyKey = :key";

  /** A past-orders run's actions still in the outbox (index {@code CK_ACTION_PAST_RUN}). */
  static final String OPEN_ACTIONS_OF_RUN =
      "select count(a) from ActionEntity a where a.pastRunId = :run and a.status in (:open)";

  /** Orders (events) of a run with an action still in the outbox. */
  static final String ORDERS_IN_FLIGHT_OF_RUN =
      "select count(distinct a.eventId) from ActionEntity a "
          + "where a.pastRunId = :run and a.status in (:open)";

  /** A run's actions by status, for its summary. */
  static final String RUN_ACTIONS_BY_STATUS =
      "select a.status, count(a) from ActionEntity a where a.pastRunId = :run group by a.status";

  /** Cancels a run's unclaimed open actions; one being delivered at this moment is left alone. */
  static final String CANCEL_RUN =
      "update ActionEntity a set a.status = :cancelled, a.note = :note, a.finishedAt = :now "
          + "where a.pastRunId = :run and a.status in (:open) "
          + "and (a.claimToken is null or a.claimedUntil < :now)";

  /**
   * For a preview: Product Purchased actions of one integration and these kinds already planned for
   * orders that occurred in the range, live ({@code pastRunId} null) or by a past run, by kind. A
   * row the rules planned as skipped (add beats remove: key ending {@code |skip}) is no send; a
   * planned action SKIPPED at delivery (a tag Kit lacks) is, as the run's key check counts it.
   */
  static final String PLANNED_PURCHASE_ACTIONS_IN_RANGE =
      "select a.action, count(a) from ActionEntity a, EventEntity e where a.eventId = e.id "
          + "and a.integrationId = :integration and a.trigger = :purchased "
          + "and a.action in (:kinds) and a.idempotencyKey not like :skipRow "
          + "and e.occurredAt >= :from and e.occurredAt < :to group by a.action";

  private final Jpa jpa;

  ActionStore(Jpa jpa) {
    this.jpa = jpa;
  }

  // --- Planning
  // -----------------------------------------------------------------------------------

  /** The id of the stored event with this key, or null. */
  Long eventId(String eventKey) {
    return jpa.tx(em -> eventId(em, eventKey));
  }

  /**
   * Stores {@code event} and its planned actions in one transaction, or nothing when an event with
   * its key exists. The plan must have been made with the rules at change counter {@code
   * rulesCounter}; the counter is read in the same transaction.
   *
   * @throws RulesChanged when the rules changed since: nothing was written
   * @throws PersistenceException when the database refuses the write (e.g. another node stored the
   *     same key at the same moment)
   */
  PublishResult storeEvent(
      StoreEvent event, List<PlannedAction> plan, long rulesCounter, long now, long dueAt) {
    return jpa.tx(em -> storeEvent(em, event, plan, rulesCounter, now, dueAt));
  }

  /**
   * {@link #storeEvent} in a transaction the caller holds (a host that records its own facts in the
   * same transaction: {@link TransactionalPublisher}).
   */
  static PublishResult storeEvent(
      EntityManager em,
      StoreEvent event,
      List<PlannedAction> plan,
      long rulesCounter,
      long now,
      long dueAt) {
    // The event is stored (now or before): an earlier failure to store it is over.
    UnstoredEvents.stored(em, event.eventKey());
    Long existing = eventId(em, event.eventKey());
    if (existing != null) return PublishResult.duplicate(existing);
    long counter = RuleService.changeCounter(em);
    if (counter != rulesCounter) throw new RulesChanged(counter);
    EventEntity e = EventRows.of(event, now, FieldMappings.mappedFields(em, integrationsOf(plan)));
    em.persist(e);
    if (plan.isEmpty()) {
      ActionEntity a = newAction(e, now, dueAt, event.eventKey() + "|none");
      a.setStatus(ActionStatus.SKIPPED);
      a.setNote(NO_RULE);
      em.persist(a);
    }
    int deliverable = 0;
    for (PlannedAction p : plan) {
      ActionEntity a =
          newAction(e, now, dueAt, actionKey(event.eventKey(), p) + (p.isSkipped() ? "|skip" : ""));
      a.setIntegrationId(p.integrationId());
      a.setAction(p.type());
      a.setTarget(p.target());
      a.setRuleIds(joinIds(p.ruleIds()));
      a.setRuleScope(p.scope());
      a.setTags(tagNames(p.tags()));
      if (p.isSkipped()) {
        a.setStatus(ActionStatus.SKIPPED);
        a.setNote(p.skipReason());
      } else {
        a.setStatus(ActionStatus.PENDING);
        deliverable++;
      }
      em.persist(a);
      // One row per tag, each of bounded size: any number of tags fits.
      Set<String> keys = new HashSet<String>();
      for (RuleTag t : p.tags()) {
        if (keys.add(t.key())) em.persist(new ActionTagEntity(a.getId(), keys.size() - 1, t));
      }
    }
    return PublishResult.accepted(e.getId(), deliverable);
  }

  // --- Past orders ------------------------------------------------------------------------------

  /** The event key of an order's past-orders event: its live key, marked. */
  static String pastEventKey(String liveEventKey) {
    return "past:" + liveEventKey;
  }

  /**
   * The idempotency key of an action an event planned (live and past events alike): one per
   * integration and kind, and per form or sequence for the kinds that take one.
   */
  static String actionKey(String eventKey, PlannedAction p) {
    return eventKey
        + "|"
        + p.integrationId()
        + "|"
        + p.type()
        + (p.target() == null ? "" : "|" + p.target().kitId());
  }

  /**
   * Stores what a past-orders run plans for one order, in the caller's transaction: each planned,
   * deliverable action that neither the order's live event ({@code event.eventKey()}) nor an
   * earlier run planned, on the order's past event ({@link #pastEventKey}, made at the first
   * action). Skipped plans (add beats remove) are not sends and are left out.
   */
  static PastOrderOutcome storePastOrder(
      EntityManager em, StoreEvent event, List<PlannedAction> plan, long runId, long now) {
    String pastKey = pastEventKey(event.eventKey());
    EventEntity pastEvent = null;
    int planned = 0;
    int live = 0;
    int earlier = 0;
    for (PlannedAction p : plan) {
      if (p.isSkipped()) continue;
      if (keyExists(em, actionKey(event.eventKey(), p))) {
        live++;
        continue;
      }
      String key = actionKey(pastKey, p);
      if (keyExists(em, key)) {
        earlier++;
        continue;
      }
      if (pastEvent == null) {
        Long existing = eventId(em, pastKey);
        if (existing != null) {
          pastEvent = em.find(EventEntity.class, existing);
        } else {
          pastEvent =
              EventRows.of(event, now, FieldMappings.mappedFields(em, integrationsOf(plan)));
          pastEvent.setEventKey(pastKey);
          em.persist(pastEvent);
        }
      }
      ActionEntity a = newAction(pastEvent, now, now, key);
      a.setIntegrationId(p.integrationId());
      a.setAction(p.type());
      a.setTarget(p.target());
      a.setRuleIds(joinIds(p.ruleIds()));
      a.setRuleScope(p.scope());
      a.setTags(tagNames(p.tags()));
      a.setStatus(ActionStatus.PENDING);
      a.setPastRunId(runId);
      em.persist(a);
      Set<String> keys = new HashSet<String>();
      for (RuleTag t : p.tags()) {
        if (keys.add(t.key())) em.persist(new ActionTagEntity(a.getId(), keys.size() - 1, t));
      }
      planned++;
    }
    return new PastOrderOutcome(planned, live, earlier);
  }

  private static Set<Long> integrationsOf(List<PlannedAction> plan) {
    Set<Long> ids = new HashSet<Long>();
    for (PlannedAction p : plan) ids.add(p.integrationId());
    return ids;
  }

  private static boolean keyExists(EntityManager em, String key) {
    return em.createQuery(ACTION_KEY_EXISTS, Long.class).setParameter("key", key).getSingleResult()
        > 0;
  }

  /** What {@link #storePastOrder} did with one order's planned actions. */
  static final class PastOrderOutcome {
    final int planned;
    final int skippedLive;
    final int skippedEarlier;

    PastOrderOutcome(int planned, int skippedLive, int skippedEarlier) {
      this.planned = planned;
      this.skippedLive = skippedLive;
      this.skippedEarlier = skippedEarlier;
    }
  }

  static long openActionsOfRun(EntityManager em, long runId) {
    return em.createQuery(OPEN_ACTIONS_OF_RUN, Long.class)
        .setParameter("run", runId)
        .setParameter("open", OPEN)
        .getSingleResult();
  }

  static long ordersInFlightOfRun(EntityManager em, long runId) {
    return em.createQuery(ORDERS_IN_FLIGHT_OF_RUN, Long.class)
        .setParameter("run", runId)
        .setParameter("open", OPEN)
        .getSingleResult();
  }

  static java.util.Map<ActionStatus, Long> runActionsByStatus(EntityManager em, long runId) {
    java.util.Map<ActionStatus, Long> out =
        new java.util.EnumMap<ActionStatus, Long>(ActionStatus.class);
    for (Object[] row :
        em.createQuery(RUN_ACTIONS_BY_STATUS, Object[].class)
            .setParameter("run", runId)
            .getResultList()) {
      out.put((ActionStatus) row[0], (Long) row[1]);
    }
    return out;
  }

  static int cancelRun(EntityManager em, long runId, String note, long now) {
    return em.createQuery(CANCEL_RUN)
        .setParameter("cancelled", ActionStatus.CANCELLED)
        .setParameter("note", note)
        .setParameter("now", now)
        .setParameter("run", runId)
        .setParameter("open", OPEN)
        .executeUpdate();
  }

  /** {@link #PLANNED_PURCHASE_ACTIONS_IN_RANGE}, by kind. */
  static java.util.Map<ActionType, Long> plannedPurchaseActionsInRange(
      EntityManager em, long integrationId, List<ActionType> kinds, long from, long to) {
    java.util.Map<ActionType, Long> out = new java.util.LinkedHashMap<ActionType, Long>();
    if (kinds.isEmpty()) return out;
    List<String> names = new java.util.ArrayList<String>();
    for (ActionType kind : kinds) names.add(kind.name());
    for (Object[] row :
        em.createQuery(PLANNED_PURCHASE_ACTIONS_IN_RANGE, Object[].class)
            .setParameter("integration", integrationId)
            .setParameter("purchased", Trigger.PRODUCT_PURCHASED)
            .setParameter("kinds", names)
            .setParameter("skipRow", "%|skip")
            .setParameter("from", from)
            .setParameter("to", to)
            .getResultList()) {
      out.put(ActionType.valueOf((String) row[0]), (Long) row[1]);
    }
    return out;
  }

  // --- Delivery ---------------------------------------------------------------------------------

  List<Long> integrationsWithDueWork(long now) {
    return jpa.tx(
        em ->
            em.createQuery(INTEGRATIONS_WITH_DUE_WORK, Long.class)
                .setParameter("open", OPEN)
                .setParameter("now", now)
                .setParameter("needsAttention", IntegrationStatus.NEEDS_ATTENTION)
                .getResultList());
  }

  /**
   * Ids of due, unclaimed actions of one integration, in planned order, without those that wait
   * behind an earlier action of their subscriber ({@link #NO_EARLIER_ACTION_WAITING}).
   */
  List<DueAction> dueActions(long integrationId, long now, int max) {
    List<Object[]> rows =
        jpa.tx(
            em ->
                em.createQuery(DUE_ACTIONS, Object[].class)
                    .setParameter("integration", integrationId)
                    .setParameter("open", OPEN)
                    .setParameter("now", now)
                    .setMaxResults(max)
                    .getResultList());
    List<DueAction> due = new ArrayList<DueAction>(rows.size());
    for (Object[] row : rows) {
      due.add(new DueAction((Long) row[0], (String) row[1], ActionType.valueOf((String) row[2])));
    }
    return due;
  }

  /**
   * The rules changed after the plan was made ({@link #storeEvent}): nothing was written; plan
   * again against the index for {@link #counter}.
   */
  static final class RulesChanged extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long counter;

    RulesChanged(long counter) {
      super("the rules changed since the plan was made", null, false, false);
      this.counter = counter;
    }
  }

  /** An action that is due, and whose it is (its actions are delivered one at a time, in order). */
  static final class DueAction {
    final long id;

    /** The subscriber's email, lower-cased. */
    final String subscriber;

    /** What it does (several Add Tag actions may go in one bulk call: {@link DeliverTagBatch}). */
    final ActionType action;

    DueAction(long id, String subscriber, ActionType action) {
      this.id = id;
      this.subscriber = subscriber;
      this.action = action;
    }
  }

  /**
   * Claims action {@code id} until {@code claimedUntil}, counting an attempt, and reads what a
   * worker needs of it. A purchase gets its reconciliation floor here, before Kit is ever called.
   *
   * @return the claim, or null when the action is not claimable (taken, not due, finished)
   */
  Claim claim(long id, long now, long claimedUntil) {
    String token = UUID.randomUUID().toString();
    return jpa.tx(
        em -> {
          ActionEntity before = em.find(ActionEntity.class, id);
          if (before == null || before.getIntegrationId() == null) return null;
          // A claim left behind means a worker stopped mid-delivery: Kit may have the call.
          boolean claimLeftBehind = before.getClaimToken() != null;
          int n =
              em.createQuery(CLAIM)
                  .setParameter("token", token)
                  .setParameter("claimedUntil", claimedUntil)
                  .setParameter("now", now)
                  .setParameter("id", id)
                  .setParameter("open", OPEN)
                  .setParameter("integration", before.getIntegrationId())
                  .setParameter("subscriber", before.getEmailLc())
                  .setParameter("firstDueAt", before.getFirstDueAt())
                  .executeUpdate();
          if (n != 1) return null;
          if (claimLeftBehind && before.getAction() == ActionType.ADD_PURCHASE) {
            em.createQuery(MARK_IN_DOUBT)
                .setParameter("id", id)
                .setParameter("token", token)
                .executeUpdate();
          }
          em.refresh(before);
          ActionEntity a = before;
          if (a.getAction() == ActionType.ADD_PURCHASE && a.getReconcileFloor() == null) {
            Long highest =
                em.createQuery(HIGHEST_KIT_PURCHASE_ID, Long.class)
                    .setParameter("integration", a.getIntegrationId())
                    .getSingleResult();
            em.createQuery(SET_RECONCILE_FLOOR)
                .setParameter("floor", highest == null ? 0L : highest)
                .setParameter("id", id)
                .setParameter("token", token)
                .executeUpdate();
            em.refresh(a);
          }
          EventEntity e = em.find(EventEntity.class, a.getEventId());
          IntegrationEntity i = em.find(IntegrationEntity.class, a.getIntegrationId());
          List<RuleTag> tags = new ArrayList<RuleTag>();
          for (ActionTagEntity t :
              em.createQuery(TAGS_OF_ACTION, ActionTagEntity.class)
                  .setParameter("action", id)
                  .getResultList()) {
            tags.add(t.toRuleTag());
          }
          return new Claim(a, tags, e, i, token, a.isInDoubt() || claimLeftBehind, claimedUntil);
        });
  }

  /** Extends a claim this worker still holds, inside the caller's transaction (lease renewal). */
  static int extendClaim(EntityManager em, Claim claim, long claimedUntil) {
    return em.createQuery(EXTEND_CLAIM)
        .setParameter("claimedUntil", claimedUntil)
        .setParameter("id", claim.actionId())
        .setParameter("token", claim.token)
        .executeUpdate();
  }

  /**
   * Gives a claimed row back as it was: no attempt, same due time, same place in the queue. A doubt
   * the claim found (a claim left behind before it) stays on the row: Kit may still have that call.
   */
  boolean release(Claim claim) {
    return jpa.tx(
            em ->
                em.createQuery(RELEASE)
                    .setParameter("id", claim.actionId())
                    .setParameter("token", claim.token)
                    .executeUpdate())
        == 1;
  }

  /**
   * Writes the outcome of a claimed attempt. A purchase Kit recorded is remembered even when the
   * claim was lost meanwhile: whoever delivers the action next must not send it again.
   *
   * @return false when the claim was taken over (the row was not changed)
   */
  boolean complete(Claim claim, Completion c, long now) {
    return jpa.tx(
        em -> {
          javax.persistence.Query q =
              em.createQuery(c.note == null ? COMPLETE : COMPLETE_WITH_NOTE)
                  .setParameter("status", c.status)
                  .setParameter("dueAt", c.dueAt)
                  .setParameter("http", c.httpStatus == 0 ? null : c.httpStatus)
                  .setParameter("message", Columns.clip(c.message, 1000));
          if (c.note != null) q.setParameter("note", Columns.clip(c.note, 500));
          int n =
              q.setParameter("inDoubt", c.inDoubt)
                  .setParameter("finishedAt", c.status.isOpen() ? null : now)
                  .setParameter("id", claim.actionId())
                  .setParameter("token", claim.token)
                  .executeUpdate();
          if (c.purchaseTransactionId != null) {
            long exists =
                em.createQuery(PURCHASE_RECORD_EXISTS, Long.class)
                    .setParameter("integration", claim.integration.getId())
                    .setParameter("transactionId", c.purchaseTransactionId)
                    .getSingleResult();
            if (exists == 0) {
              em.persist(
                  new PurchaseRecordEntity(
                      claim.integration.getId(),
                      c.purchaseTransactionId,
                      claim.actionId(),
                      c.kitPurchaseId,
                      now));
            }
          }
          return n == 1;
        });
  }

  /** The purchase record of a transaction id, or null. */
  PurchaseRecordEntity purchaseRecord(long integrationId, String transactionId) {
    return jpa.tx(
        em ->
            em.find(
                PurchaseRecordEntity.class,
                new PurchaseRecordEntity.Key(integrationId, transactionId)));
  }

  // --- Changes from outside delivery ------------------------------------------------------------

  int cancel(Trigger trigger, String reference, String note, long now) {
    return jpa.tx(
        em ->
            em.createQuery(CANCEL_BY_REFERENCE)
                .setParameter("cancelled", ActionStatus.CANCELLED)
                .setParameter("note", note)
                .setParameter("now", now)
                .setParameter("trigger", trigger)
                .setParameter("reference", reference)
                .setParameter("open", OPEN)
                .executeUpdate());
  }

  /** Cancels an integration's open actions inside the caller's transaction (deleting it). */
  static int cancelForIntegration(EntityManager em, long integrationId, String note, long now) {
    return em.createQuery(CANCEL_FOR_INTEGRATION)
        .setParameter("cancelled", ActionStatus.CANCELLED)
        .setParameter("note", note)
        .setParameter("now", now)
        .setParameter("integration", integrationId)
        .setParameter("open", OPEN)
        .executeUpdate();
  }

  /** A FAILED action becomes PENDING, due now, with a fresh retry horizon. */
  boolean retryFailed(long actionId, long now, Function<StoreEvent, List<PlannedAction>> today) {
    return jpa.tx(
        em -> {
          ActionEntity a = em.find(ActionEntity.class, actionId);
          if (a == null || a.getStatus() != ActionStatus.FAILED) return false;
          if (a.getAction().usesTags()) replanTags(em, a, today);
          return em.createQuery(RETRY_FAILED)
                  .setParameter("pending", ActionStatus.PENDING)
                  .setParameter("now", now)
                  .setParameter("note", "retried by the operator")
                  .setParameter("id", actionId)
                  .setParameter("failed", ActionStatus.FAILED)
                  .executeUpdate()
              == 1;
        });
  }

  /**
   * A tag action's tags as today's rules plan them for its event: the operator who fixed a rule
   * (another tag picked in place of one deleted in Kit) and retries sends what the rule says now.
   * When today's rules plan no such action (the rule was disabled or deleted since), the action
   * keeps the tags it was planned with: the operator asked for it to go.
   */
  private static void replanTags(
      EntityManager em, ActionEntity a, Function<StoreEvent, List<PlannedAction>> today) {
    EventEntity e = em.find(EventEntity.class, a.getEventId());
    if (e == null) return;
    List<PlannedAction> plan;
    try {
      plan = today.apply(EventRows.event(e));
    } catch (InvalidEventException stale) {
      return; // a row from an older version the builder no longer takes: as planned then
    }
    for (PlannedAction p : plan) {
      if (!p.isSkipped()
          && p.type() == a.getAction()
          && a.getIntegrationId() != null
          && p.integrationId() == a.getIntegrationId()) {
        em.createQuery(DELETE_TAGS_OF_ACTION).setParameter("action", a.getId()).executeUpdate();
        Set<String> keys = new HashSet<String>();
        for (RuleTag t : p.tags()) {
          if (keys.add(t.key())) em.persist(new ActionTagEntity(a.getId(), keys.size() - 1, t));
        }
        a.setTags(tagNames(p.tags()));
        a.setRuleIds(joinIds(p.ruleIds()));
        return;
      }
    }
  }

  /**
   * A FAILED purchase in doubt becomes PENDING, due now, no longer in doubt: sent without a
   * look-up.
   */
  boolean sendAnyway(long actionId, long now) {
    return jpa.tx(
            em ->
                em.createQuery(SEND_ANYWAY)
                    .setParameter("pending", ActionStatus.PENDING)
                    .setParameter("now", now)
                    .setParameter("note", "sent anyway by the operator, without a look-up in Kit")
                    .setParameter("id", actionId)
                    .setParameter("failed", ActionStatus.FAILED)
                    .setParameter("purchase", ActionType.ADD_PURCHASE.name())
                    .executeUpdate())
        == 1;
  }

  // --- Retention --------------------------------------------------------------------------------

  /** What one step of retention read and deleted, and where its forward read stopped. */
  static final class PurgeBatch {
    final int examined;
    final int deleted;
    final long lastTime;
    final long lastId;

    PurgeBatch(int examined, int deleted, long lastTime, long lastId) {
      this.examined = examined;
      this.deleted = deleted;
      this.lastTime = lastTime;
      this.lastId = lastId;
    }
  }

  /**
   * Reads up to {@code limit} events received before {@code cutoff} after the position ({@code
   * afterTime}, {@code afterId}) and deletes those retention does not keep, with their actions; one
   * transaction.
   */
  PurgeBatch purgeOldEvents(long cutoff, long afterTime, long afterId, int limit) {
    return jpa.tx(
        em -> {
          List<Object[]> rows =
              em.createQuery(OLD_EVENTS_AFTER, Object[].class)
                  .setParameter("afterTime", afterTime)
                  .setParameter("afterId", afterId)
                  .setParameter("cutoff", cutoff)
                  .setMaxResults(limit)
                  .getResultList();
          if (rows.isEmpty()) return new PurgeBatch(0, 0, afterTime, afterId);
          List<Long> ids = new ArrayList<Long>(rows.size());
          for (Object[] r : rows) ids.add((Long) r[0]);
          Object[] last = rows.get(rows.size() - 1);
          int deleted = deleteUnkept(em, ids);
          return new PurgeBatch(rows.size(), deleted, (Long) last[1], (Long) last[0]);
        });
  }

  /**
   * Deletes the events received before {@code cutoff} whose actions finished at or after {@code
   * since} and that retention no longer keeps (a FAILED action retried and delivered since).
   */
  PurgeBatch purgeFinishedSince(long since, long cutoff, int batchSize) {
    List<Long> finished =
        jpa.tx(
            em ->
                em.createQuery(EVENTS_FINISHED_SINCE, Long.class)
                    .setParameter("since", since)
                    .getResultList());
    int deleted = 0;
    for (int from = 0; from < finished.size(); from += batchSize) {
      List<Long> chunk = finished.subList(from, Math.min(finished.size(), from + batchSize));
      deleted +=
          jpa.tx(
              em -> {
                List<Long> old =
                    em.createQuery(OLD_AMONG, Long.class)
                        .setParameter("ids", chunk)
                        .setParameter("cutoff", cutoff)
                        .getResultList();
                return old.isEmpty() ? 0 : deleteUnkept(em, old);
              });
    }
    return new PurgeBatch(finished.size(), deleted, 0, 0);
  }

  /** Deletes those of {@code ids} retention does not keep, with their actions and tag rows. */
  private static int deleteUnkept(EntityManager em, List<Long> ids) {
    Set<Long> gone = new HashSet<Long>(ids);
    gone.removeAll(
        em.createQuery(KEPT_AMONG, Long.class)
            .setParameter("ids", ids)
            .setParameter("kept", KEPT_BY_RETENTION)
            .getResultList());
    if (gone.isEmpty()) return 0;
    em.createQuery(DELETE_ACTION_TAGS_OF_EVENTS).setParameter("ids", gone).executeUpdate();
    em.createQuery(DELETE_ACTIONS_OF_EVENTS).setParameter("ids", gone).executeUpdate();
    em.createQuery(DELETE_EVENTS).setParameter("ids", gone).executeUpdate();
    return gone.size();
  }

  /** Deletes purchase records sent before {@code cutoff}, {@code batchSize} per transaction. */
  int prunePurchaseRecords(long cutoff, int batchSize) {
    int deleted = 0;
    while (true) {
      int n =
          jpa.tx(
              em -> {
                List<Object[]> keys =
                    em.createQuery(OLD_PURCHASE_RECORDS, Object[].class)
                        .setParameter("cutoff", cutoff)
                        .setMaxResults(batchSize)
                        .getResultList();
                for (Object[] k : keys) {
                  em.createQuery(DELETE_PURCHASE_RECORD)
                      .setParameter("integration", k[0])
                      .setParameter("transactionId", k[1])
                      .executeUpdate();
                }
                return keys.size();
              });
      deleted += n;
      if (n < batchSize) return deleted;
    }
  }

  // --- Helpers ----------------------------------------------------------------------------------

  private static Long eventId(EntityManager em, String key) {
    List<Long> ids =
        em.createQuery(EVENT_ID_BY_KEY, Long.class).setParameter("key", key).getResultList();
    return ids.isEmpty() ? null : ids.get(0);
  }

  private static ActionEntity newAction(EventEntity e, long now, long due, String key) {
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
    a.setFirstDueAt(due);
    return a;
  }

  static String tagNames(List<RuleTag> tags) {
    StringBuilder b = new StringBuilder();
    for (RuleTag t : tags) b.append(b.length() == 0 ? "" : ", ").append(t.name());
    return b.length() == 0 ? null : b.toString();
  }

  private static String joinIds(List<Long> ids) {
    StringBuilder b = new StringBuilder();
    for (Long id : ids) b.append(b.length() == 0 ? "" : ",").append(id);
    return b.length() == 0 ? null : b.toString();
  }

  /** How a claimed attempt ends, as the retry policy decided it. */
  static final class Completion {
    final ActionStatus status;
    final long dueAt;
    final int httpStatus;
    final String message;
    final String note;
    final boolean inDoubt;
    final String purchaseTransactionId;
    final Long kitPurchaseId;

    Completion(
        ActionStatus status,
        long dueAt,
        int httpStatus,
        String message,
        String note,
        boolean inDoubt,
        String purchaseTransactionId,
        Long kitPurchaseId) {
      this.status = status;
      this.dueAt = dueAt;
      this.httpStatus = httpStatus;
      this.message = message;
      this.note = note;
      this.inDoubt = inDoubt;
      this.purchaseTransactionId = purchaseTransactionId;
      this.kitPurchaseId = kitPurchaseId;
    }
  }
}

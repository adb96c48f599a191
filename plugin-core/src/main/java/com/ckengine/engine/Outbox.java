package com.ckengine.engine;

import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import java.time.Clock;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

/**
 * The transactional outbox: {@link #publish} evaluates the rules in memory and stores the event
 * with its planned actions in one transaction; workers deliver them later. No Kit call happens
 * here. An event the database refuses is written down in {@link UnstoredEvents} and thrown as
 * {@link com.ckengine.api.EventNotStoredException}.
 */
final class Outbox implements TransactionalPublisher {
  private final ActionStore store;
  private final RuleService rules;
  private final UnstoredEvents unstored;
  private final Clock clock;
  private final long delayMillis;
  private final Runnable onNewWork;
  private final EntityManagerFactory emf;

  /**
   * @param delayMillis how long actions of {@linkplain Trigger#isDelayed() delayed} triggers wait
   */
  Outbox(
      EntityManagerFactory emf,
      ActionStore store,
      RuleService rules,
      UnstoredEvents unstored,
      Clock clock,
      long delayMillis,
      Runnable onNewWork) {
    this.store = store;
    this.rules = rules;
    this.unstored = unstored;
    this.clock = clock;
    this.delayMillis = delayMillis;
    this.onNewWork = onNewWork;
    this.emf = emf;
  }

  @Override
  public PublishResult publish(StoreEvent event) {
    if (event == null) throw new NullPointerException("event");
    long now = clock.millis();
    long due = event.trigger().isDelayed() ? now + delayMillis : now;
    PublishResult result;
    try {
      result = store(event, now, due);
    } catch (RuntimeException e) {
      // Written down for the operator (if the database takes that much), so the host can pass
      // this event and go on with the next ones instead of waiting on it.
      throw unstored.failed(event, e);
    }
    if (result.plannedActions() > 0) onNewWork.run();
    return result;
  }

  /**
   * Evaluates and stores, or finds the event already stored.
   *
   * @throws RuntimeException when the database refuses the event
   */
  private PublishResult store(StoreEvent event, long now, long due) {
    PublishResult result;
    try {
      // Evaluated against the cached index; the store's transaction checks that the rules did not
      // change since it was built (one read, in the same transaction), and else says which
      // counter it saw: evaluate again against the index for that counter.
      RuleService.Snapshot rulesNow = rules.cached();
      while (true) {
        List<PlannedAction> plan = RuleEvaluator.plan(rulesNow.index, event);
        try {
          result = store.storeEvent(event, plan, rulesNow.counter, now, due);
          break;
        } catch (ActionStore.RulesChanged changed) {
          rulesNow = rules.current(changed.counter);
        }
      }
    } catch (PersistenceException e) {
      // Two nodes (or threads) published the same key at once: the unique key let one win.
      Long existing = store.eventId(event.eventKey());
      if (existing == null) throw e;
      result = PublishResult.duplicate(existing);
    }
    return result;
  }

  @Override
  public boolean sharesDatabaseWith(EntityManagerFactory other) {
    return other == emf;
  }

  @Override
  public void readRules() {
    rules.index();
  }

  @Override
  public PublishResult publish(EntityManager em, StoreEvent event) {
    if (em == null || event == null) throw new NullPointerException("em/event");
    long now = clock.millis();
    long due = event.trigger().isDelayed() ? now + delayMillis : now;
    // Only the index read before the caller's transaction: reading the rules again here would take
    // a second connection while the caller's is held.
    RuleService.Snapshot rulesNow = rules.cached();
    List<PlannedAction> plan = RuleEvaluator.plan(rulesNow.index, event);
    try {
      return ActionStore.storeEvent(em, event, plan, rulesNow.counter, now, due);
    } catch (ActionStore.RulesChanged changed) {
      throw new RulesMoved();
    }
  }

  @Override
  public void wake() {
    onNewWork.run();
  }

  @Override
  public int cancel(Trigger trigger, String reference) {
    if (trigger == null || reference == null) throw new NullPointerException("trigger/reference");
    return store.cancel(trigger, reference, "cancelled by the store", clock.millis());
  }
}

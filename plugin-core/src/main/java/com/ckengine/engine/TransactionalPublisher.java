package com.ckengine.engine;

import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

/**
 * Publishing inside a transaction the caller holds, on the engine's own database: for a module of
 * this plugin that records its own facts and the events they fire in one transaction (the
 * subscription lifecycle, which holds a row lock while it does). The event is stored with the
 * caller's commit, or not at all, and no second pooled connection is taken while the caller's is
 * held: a pool of n connections can never end with n callers each waiting for a second one.
 *
 * <p>{@link IntegrationEngine#publisher()} is one. A caller uses it only when {@link
 * #sharesDatabaseWith} its own factory.
 */
public interface TransactionalPublisher extends EventPublisher {

  /** True when {@code emf} is the engine's own persistence unit. */
  boolean sharesDatabaseWith(EntityManagerFactory emf);

  /**
   * Makes sure the rules are read (their own transaction): call it before taking a lock under which
   * {@link #publish(EntityManager, StoreEvent)} will run.
   */
  void readRules();

  /**
   * Evaluates the rules and stores the event and its actions through {@code em}, in the caller's
   * transaction; an event key already stored is a duplicate, as with {@link #publish(StoreEvent)}.
   * Delivery learns of the work at its next poll, or at once through {@link #wake()} after the
   * caller's commit.
   *
   * @throws RulesMoved when the rules changed after {@link #readRules()}: nothing was written; roll
   *     back, read the rules again (outside the transaction) and run the transaction again
   */
  PublishResult publish(EntityManager em, StoreEvent event);

  /** Tells delivery that committed work is waiting. */
  void wake();

  /** The rules changed between {@link #readRules()} and the caller's transaction. */
  final class RulesMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RulesMoved() {
      super("the rules changed while the event was being published: read them and run again");
    }
  }
}

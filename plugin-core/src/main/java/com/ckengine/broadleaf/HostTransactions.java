package com.ckengine.broadleaf;

import java.util.function.Function;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.hibernate.Session;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work on Broadleaf's own tables from a sweep's thread: each call in a new transaction of
 * Broadleaf's {@code blTransactionManager}, with Broadleaf's {@code EntityManager}.
 */
public final class HostTransactions {
  private final EntityManagerFactory emf;
  private final TransactionTemplate tx;

  public HostTransactions(EntityManagerFactory emf, PlatformTransactionManager tm) {
    this.emf = emf;
    TransactionTemplate t = new TransactionTemplate(tm);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.tx = t;
  }

  /** Runs {@code work} in a transaction of its own and returns what it returns. */
  public <T> T run(final Function<EntityManager, T> work) {
    return tx.execute(
        status -> work.apply(EntityManagerFactoryUtils.getTransactionalEntityManager(emf)));
  }

  /** Creates {@code index} unless an index already starts with its columns. */
  public void ensure(final HostIndex index) {
    run(
        em -> {
          em.unwrap(Session.class).doWork(index::ensure);
          return null;
        });
  }
}

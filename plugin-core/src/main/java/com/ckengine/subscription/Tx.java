package com.ckengine.subscription;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/**
 * Runs one unit of work in a fresh EntityManager and a resource-local transaction of its own, never
 * the caller's: a billing job's own transaction neither waits for nor rolls back with ours.
 */
final class Tx {
  interface Work<T> {
    T run(EntityManager em);
  }

  private final EntityManagerFactory emf;

  Tx(EntityManagerFactory emf) {
    if (emf == null) throw new NullPointerException("entityManagerFactory");
    this.emf = emf;
  }

  /** Runs {@code work} and commits, or rolls back and rethrows. */
  <T> T run(Work<T> work) {
    EntityManager em = emf.createEntityManager();
    EntityTransaction t = em.getTransaction();
    try {
      t.begin();
      T result = work.run(em);
      t.commit();
      return result;
    } catch (RuntimeException e) {
      if (t.isActive()) {
        try {
          t.rollback();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    } finally {
      em.close();
    }
  }
}

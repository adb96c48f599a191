package com.ckengine.engine.store;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/**
 * Runs units of work, each in a fresh EntityManager and a resource-local transaction of its own.
 * Deliberately never joins an outer transaction: a checkout must not roll back because the engine
 * failed, and the engine's writes must not wait for the checkout's commit.
 */
public final class Jpa {
  /** A unit of work. */
  public interface Work<T> {
    T run(EntityManager em);
  }

  private final EntityManagerFactory emf;

  public Jpa(EntityManagerFactory emf) {
    if (emf == null) throw new NullPointerException("entityManagerFactory");
    this.emf = emf;
  }

  /** Runs {@code work} and commits, or rolls back and rethrows. */
  public <T> T tx(Work<T> work) {
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

package com.ckengine.engine.store;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;

/**
 * Runs units of work, each in a fresh EntityManager and a resource-local transaction of its own.
 * Deliberately never joins an outer transaction: a checkout must not roll back because the engine
 * failed, and the engine's writes must not wait for the checkout's commit.
 *
 * <p>A unit the database rolled back on its own (SQLState class 40: a deadlock victim, a
 * serialization failure) did nothing, and runs again, up to {@value #ATTEMPTS} times in all. So a
 * unit of work must be database work only, safe to run twice (every engine unit is).
 */
public final class Jpa {
  /** A unit of work. */
  public interface Work<T> {
    T run(EntityManager em);
  }

  static final int ATTEMPTS = 3;

  private final EntityManagerFactory emf;
  private volatile Dialect dialect;

  public Jpa(EntityManagerFactory emf) {
    if (emf == null) throw new NullPointerException("entityManagerFactory");
    this.emf = emf;
  }

  /** Runs {@code work} and commits, or rolls back and rethrows (after the retries above). */
  public <T> T tx(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !rolledBackByTheDatabase(e)) throw e;
        try {
          // Apart a little, so the transactions that met do not meet again at once.
          Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20) * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private <T> T once(Work<T> work) {
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

  /** The database's {@link Dialect}, from the driver's product name; read once. */
  public Dialect dialect() {
    Dialect d = dialect;
    if (d == null) {
      String[] name = {""};
      tx(
          em -> {
            em.unwrap(org.hibernate.Session.class)
                .doWork(connection -> name[0] = connection.getMetaData().getDatabaseProductName());
            return null;
          });
      d = Dialect.of(name[0]);
      dialect = d;
    }
    return d;
  }

  /** True when the database itself rolled the transaction back (SQLState class 40). */
  static boolean rolledBackByTheDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        String state = ((SQLException) t).getSQLState();
        if (state != null && state.startsWith("40")) return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }
}

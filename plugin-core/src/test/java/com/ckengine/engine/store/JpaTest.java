package com.ckengine.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ckengine.engine.TestDatabases;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JpaTest {
  final EntityManagerFactory emf = TestDatabases.hsqldb();
  final Jpa jpa = new Jpa(emf);

  @AfterEach
  void close() {
    emf.close();
  }

  static PersistenceException failure(String sqlState) {
    return new PersistenceException(new SQLException("from the database", sqlState));
  }

  @Test
  void aUnitTheDatabaseRolledBackRunsAgain() {
    AtomicInteger runs = new AtomicInteger();
    String result =
        jpa.tx(
            em -> {
              if (runs.incrementAndGet() < 3) throw failure("40001"); // serialization failure
              return "done";
            });
    assertEquals("done", result);
    assertEquals(3, runs.get());
  }

  @Test
  void aDeadlockVictimThatKeepsLosingFailsAfterThreeRuns() {
    AtomicInteger runs = new AtomicInteger();
    PersistenceException last = failure("40P01"); // PostgreSQL's deadlock
    PersistenceException thrown =
        assertThrows(
            PersistenceException.class,
            () ->
                jpa.tx(
                    em -> {
                      runs.incrementAndGet();
                      throw last;
                    }));
    assertSame(last, thrown);
    assertEquals(3, runs.get());
  }

  @Test
  void otherFailuresAreNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    assertThrows(
        PersistenceException.class,
        () ->
            jpa.tx(
                em -> {
                  runs.incrementAndGet();
                  throw failure("23505"); // a unique key: running again changes nothing
                }));
    assertEquals(1, runs.get());
    assertThrows(
        IllegalStateException.class,
        () ->
            jpa.tx(
                em -> {
                  runs.incrementAndGet();
                  throw new IllegalStateException("a bug");
                }));
    assertEquals(2, runs.get());
  }
}

package com.ckengine.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.TestDatabases;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each database's differences come from its dialect, and its statements run there. */
class DialectTest {

  @Test
  void theDialectFollowsTheDriversProductName() {
    assertEquals(Dialect.POSTGRESQL, Dialect.of("PostgreSQL"));
    assertEquals(Dialect.HSQLDB, Dialect.of("HSQL Database Engine"));
    assertEquals(Dialect.OTHER, Dialect.of("MySQL"));
    assertEquals(Dialect.OTHER, Dialect.of(null));
    assertNull(Dialect.OTHER.nowMillisQuery(), "no clock: the engine falls back to the node's");
  }

  @Test
  void onHsqldb() {
    EntityManagerFactory emf = TestDatabases.hsqldb();
    try {
      runsItsStatements(new Jpa(emf), Dialect.HSQLDB);
    } finally {
      emf.close();
    }
  }

  @Test
  @Tag("postgres")
  void onPostgres() {
    EntityManagerFactory emf = TestDatabases.postgres();
    try {
      runsItsStatements(new Jpa(emf), Dialect.POSTGRESQL);
    } finally {
      emf.close();
    }
  }

  private static void runsItsStatements(Jpa jpa, Dialect expected) {
    assertEquals(expected, jpa.dialect());
    long before = System.currentTimeMillis();
    long db =
        jpa.tx(
            em ->
                ((Number) em.createNativeQuery(expected.nowMillisQuery()).getSingleResult())
                    .longValue());
    // The database runs on this machine: its clock is this one's, give or take the round trip.
    assertTrue(Math.abs(db - before) < 5_000, "database time " + db + " vs " + before);
    if (expected.beforeLogSearch() != null) {
      jpa.tx(em -> em.createNativeQuery(expected.beforeLogSearch()).executeUpdate());
    }
  }
}

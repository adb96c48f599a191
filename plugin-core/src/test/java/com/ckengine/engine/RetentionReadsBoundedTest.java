package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.store.Jpa;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FAILED actions nobody retries keep their events for good; they must not make every hourly run
 * read them again. A run reads what became old since the previous one, and what finished since.
 */
class RetentionReadsBoundedTest {
  static final long DAY = Duration.ofDays(1).toMillis();
  static final long HOUR = Duration.ofHours(1).toMillis();
  static final int KEPT = 300;
  static final int LATER = 10;

  final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  final EntityManagerFactory emf = TestDatabases.hsqldb();

  @AfterEach
  void close() {
    emf.close();
  }

  @Test
  void keptEventsAreReadOnceNotEveryRun() {
    IntegrationEngine engine =
        OfflineEngine.builder(emf)
            .clock(RetentionNeverReplaysTest.clock(now))
            .useNodeClock()
            .build();
    PurchaseRules.addTag(engine, OfflineEngine.insertIntegration(emf), "customer");
    long start = now.get();
    for (int i = 0; i < KEPT; i++) {
      engine.publisher().publish(DeliveryTestBase.purchase("F" + i, "f@example.com", 1));
    }
    now.set(start + HOUR);
    for (int i = 0; i < LATER; i++) {
      engine.publisher().publish(DeliveryTestBase.purchase("D" + i, "d@example.com", 1));
    }
    Jpa jpa = new Jpa(emf);
    setStatus(jpa, "F%", ActionStatus.FAILED, null);
    setStatus(jpa, "D%", ActionStatus.DELIVERED, start + HOUR);
    LogRetention retention =
        new LogRetention(new ActionStore(jpa), RetentionNeverReplaysTest.clock(now), 30 * DAY, 100);

    // The FAILED ones are old, the delivered ones not yet: read once, all kept.
    now.set(start + 30 * DAY + HOUR / 2);
    LogRetention.Run first = retention.run();
    assertEquals(KEPT, first.examined);
    assertEquals(0, first.deleted);

    // The operator retried one FAILED action; it was delivered.
    now.addAndGet(HOUR / 4);
    setStatus(jpa, "F7", ActionStatus.DELIVERED, now.get());

    // An hour on: the delivered ones are old too. The run deletes them and the retried one,
    // reading those and the one finished action, not the kept events again.
    now.set(start + 30 * DAY + 2 * HOUR);
    LogRetention.Run second = retention.run();
    assertEquals(LATER + 1, second.deleted);
    assertTrue(
        second.examined <= LATER + 1,
        "read " + second.examined + " rows for " + (LATER + 1) + " deletions");
    assertEquals(KEPT - 1, TestDatabases.countLog(engine, LogQuery.builder()));
    engine.close();
  }

  private static void setStatus(Jpa jpa, String reference, ActionStatus s, Long finishedAt) {
    jpa.tx(
        em ->
            em.createQuery(
                    "update ActionEntity a set a.status = :s, a.finishedAt = :f "
                        + "where a.reference like :r")
                .setParameter("s", s)
                .setParameter("f", finishedAt)
                .setParameter("r", reference)
                .executeUpdate());
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing and retention without delivery (the workers are not started). */
class OutboxTest {
  EntityManagerFactory emf;
  IntegrationEngine engine;
  final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  long integrationId;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    String key = SecretCipher.generateKey();
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now.get());
          }
        };
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().build())
            .secretKey(key)
            .clock(clock)
            .useNodeClock()
            .build();
    integrationId = TestDatabases.insertIntegration(emf, key, "Main");
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integrationId)
                .action(ActionType.ADD_TAG)
                .addTag("customer")
                .build());
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void theSameEventPublishedConcurrentlyIsStoredOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PublishResult>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                (Callable<PublishResult>)
                    () ->
                        engine
                            .publisher()
                            .publish(DeliveryTestBase.purchase("77", "x@example.com", 1))));
      }
      int accepted = 0;
      long eventId = -1;
      for (Future<PublishResult> f : results) {
        PublishResult r = f.get();
        if (r.isAccepted()) accepted++;
        if (eventId == -1) eventId = r.eventId();
        assertEquals(eventId, r.eventId(), "every caller learns the one stored event");
      }
      assertEquals(1, accepted);
      assertEquals(1, engine.log().search(LogQuery.all()).entries().size());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void retentionDeletesEventsOlderThanItsAgeButKeepsOpenOnes() {
    long start = now.get();
    for (int i = 0; i < 30; i++) {
      now.addAndGet(86_400_000L); // P<i> is received i + 1 days after the start
      engine.publisher().publish(DeliveryTestBase.purchase("P" + i, "p" + i + "@example.com", 1));
    }
    // Finish all but the oldest two: an action still to deliver keeps its event.
    EntityManager em = emf.createEntityManager();
    em.getTransaction().begin();
    em.createQuery("update ActionEntity a set a.status = :d where a.reference not in ('P0', 'P1')")
        .setParameter("d", ActionStatus.DELIVERED)
        .executeUpdate();
    em.getTransaction().commit();
    em.close();

    // 40 days after the start, the default 30 days keep what was received from day 10 on.
    now.set(start + 40 * 86_400_000L);
    assertEquals(7, engine.logActions().purge(), "P2 to P8");
    List<LogEntry> left = engine.log().search(LogQuery.builder().pageSize(100).build()).entries();
    assertEquals(23, left.size());
    assertEquals("P29", left.get(0).reference());
    assertEquals("P9", left.get(20).reference());
    assertEquals("P1", left.get(21).reference());
    assertEquals("P0", left.get(22).reference());
    assertEquals(0, engine.logActions().purge(), "nothing more to delete");
    assertEquals(
        0,
        engine
            .log()
            .search(LogQuery.builder().tag("customer").reference("P5").build())
            .entries()
            .size());
  }

  @Test
  void logSearchPagesThroughManyRows() {
    for (int i = 0; i < 250; i++) {
      engine.publisher().publish(DeliveryTestBase.purchase("S" + i, "s@example.com", 1));
    }
    LogPage p0 =
        engine.log().search(LogQuery.builder().email("S@example.com").pageSize(200).build());
    LogPage p1 =
        engine
            .log()
            .search(
                LogQuery.builder()
                    .email("s@example.com")
                    .pageSize(200)
                    .after(p0.nextCursor())
                    .build());
    assertEquals(200, p0.entries().size());
    assertTrue(p0.hasMore());
    assertEquals(50, p1.entries().size());
    assertFalse(p1.hasMore());
    assertEquals("S49", p1.entries().get(0).reference());
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManagerFactory;
import org.apache.log4j.Level;
import org.junit.jupiter.api.Test;

/**
 * Retention never goes below what the sweeps can see: an age shorter than their look-back plus the
 * margin is raised to that, and the log says so.
 */
class RetentionAgeFloorTest {
  @Test
  void aRetentionShorterThanTheSweepsLookBackIsRaisedWithAWarning() {
    AtomicLong now = new AtomicLong(Instant.parse("2026-02-01T00:00:00Z").toEpochMilli());
    EntityManagerFactory emf = TestDatabases.hsqldb();
    try (LogCapture log = LogCapture.start()) {
      IntegrationEngine engine =
          OfflineEngine.builder(emf)
              .clock(RetentionNeverReplaysTest.clock(now))
              .useNodeClock()
              .retentionAge(Duration.ofDays(1))
              .sweepLookback(Duration.ofHours(72))
              .build();
      log.assertLine(Level.WARN, "com.ckengine.engine", "keeping events 96 h instead");
      PurchaseRules.addTag(engine, OfflineEngine.insertIntegration(emf), "customer");
      engine.publisher().publish(DeliveryTestBase.purchase("OLD", "o@example.com", 1));
      now.addAndGet(Duration.ofDays(2).toMillis());
      engine.publisher().publish(DeliveryTestBase.purchase("SEEN", "s@example.com", 1));
      new com.ckengine.engine.store.Jpa(emf)
          .tx(
              em ->
                  em.createQuery("update ActionEntity a set a.status = :d")
                      .setParameter("d", ActionStatus.DELIVERED)
                      .executeUpdate());
      // 5 days after OLD, 3 after SEEN: one day's retention would take both; 96 h only OLD.
      now.addAndGet(Duration.ofDays(3).toMillis());
      assertEquals(1, engine.logActions().purge());
      assertEquals(
          "SEEN", engine.log().search(LogQuery.all()).entries().get(0).reference(), "still known");
      engine.close();
    } finally {
      emf.close();
    }
  }

  @Test
  void aLongerRetentionIsKeptAsConfigured() {
    assertEquals(
        Duration.ofDays(30),
        IntegrationEngine.retentionAge(Duration.ofDays(30), CatchUpWindow.DEFAULT_LOOKBACK));
    assertEquals(
        Duration.ofHours(200 + 24),
        IntegrationEngine.retentionAge(Duration.ofDays(3), Duration.ofHours(200)));
  }
}

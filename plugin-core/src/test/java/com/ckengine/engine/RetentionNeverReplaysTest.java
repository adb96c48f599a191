package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.PublishResult;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.store.Jpa;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A busy store (more events inside the sweeps' look-back than the log once kept by count) restarts:
 * its sweeps publish every order and refund of the look-back again, and every one of them is still
 * known, so nothing reaches Kit twice. With retention by count, the oldest of them were purged and
 * published anew: tags put back on refunded customers, taken from customers who bought again.
 */
class RetentionNeverReplaysTest {
  static final int EVENTS = 10_050; // the old limit was the newest 10,000

  final AtomicLong now = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
  EntityManagerFactory emf = TestDatabases.hsqldb();

  @AfterEach
  void close() {
    emf.close();
  }

  @Test
  void aSweepAfterRestartPublishesNothingTwice() {
    IntegrationEngine before = engine();
    PurchaseRules.addTag(before, OfflineEngine.insertIntegration(emf), "customer");
    long step = Duration.ofHours(70).toMillis() / EVENTS; // all inside the 72 h look-back
    long first = now.get();
    for (int i = 0; i < EVENTS; i++) {
      now.addAndGet(step);
      before.publisher().publish(order(i));
    }
    // Delivered, as a busy store's actions are: nothing keeps them but their age.
    new Jpa(emf)
        .tx(
            em ->
                em.createQuery("update ActionEntity a set a.status = :d")
                    .setParameter("d", ActionStatus.DELIVERED)
                    .executeUpdate());
    now.set(first + Duration.ofHours(71).toMillis());
    before.runRetention();
    before.close();

    IntegrationEngine restarted = engine();
    try {
      int publishedAgain = 0;
      for (int i = 0; i < EVENTS; i++) {
        PublishResult r = restarted.publisher().publish(order(i));
        if (r.isAccepted()) publishedAgain++;
      }
      assertEquals(0, publishedAgain, "orders of the look-back the log no longer knew");
    } finally {
      restarted.close();
    }
  }

  /** What the order sweep publishes for order {@code i}: the same event key every time. */
  private static StoreEvent order(int i) {
    return DeliveryTestBase.purchase("R" + i, "r" + (i % 500) + "@example.com", 1);
  }

  private IntegrationEngine engine() {
    return OfflineEngine.builder(emf).clock(clock(now)).useNodeClock().build();
  }

  static Clock clock(AtomicLong now) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(now.get());
      }
    };
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.ActionType;
import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.kit.KitClient;
import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event's own times are instants: a node in one time zone stores an event, a node in another
 * reads it, and both mean the same moment. The reader here gets the time the prospect check is
 * asked about ("bought since?") and the {@code transaction_time} Kit is sent.
 */
class EventTimesAcrossZonesTest {
  // Fourteen hours ahead of UTC, and Los Angeles (behind, with daylight saving): a day apart.
  static final TimeZone ZONE_A = TimeZone.getTimeZone("Pacific/Kiritimati");
  static final TimeZone ZONE_B = TimeZone.getTimeZone("America/Los_Angeles");
  static final Instant OCCURRED = Instant.parse("2026-03-08T10:30:00.123Z");

  TimeZone saved;
  EntityManagerFactory nodeA;
  EntityManagerFactory nodeB;
  IntegrationEngine engineB;

  @BeforeEach
  void saveZone() {
    saved = TimeZone.getDefault();
  }

  @AfterEach
  void restore() {
    if (engineB != null) engineB.close();
    if (nodeB != null) nodeB.close();
    if (nodeA != null) nodeA.close();
    TimeZone.setDefault(saved);
  }

  @Test
  void aNodeInAnotherZoneReadsTheSameInstantForTheProspectCheckAndForKit() throws Exception {
    String url = "jdbc:hsqldb:mem:zones" + UUID.randomUUID().toString().replace("-", "");
    String key = SecretCipher.generateKey();

    TimeZone.setDefault(ZONE_A);
    nodeA = TestDatabases.hsqldb(url, "create");
    long integration = TestDatabases.insertIntegration(nodeA, key, "Main");
    IntegrationEngine engineA = builder(nodeA, key).prospectDelay(Duration.ZERO).build();
    engineA.rules().create(rule(Trigger.PROSPECT_CREATED, integration, ActionType.ADD_TAG));
    engineA.publisher().publish(prospect());
    engineA.publisher().publish(purchase());
    engineA.close();

    // Node B: its own connections, opened in its own zone.
    TimeZone.setDefault(ZONE_B);
    nodeB = TestDatabases.hsqldb(url, "none");

    EntityManager em = nodeB.createEntityManager();
    try {
      EventEntity bought =
          em.createQuery("select e from EventEntity e where e.eventKey = :k", EventEntity.class)
              .setParameter("k", "order:Z1:purchased")
              .getSingleResult();
      assertEquals(
          OCCURRED,
          PurchaseMapping.purchase("Z1", bought, EventRows.lines(bought)).transactionTime(),
          "Kit's transaction_time");
    } finally {
      em.close();
    }

    AtomicReference<Instant> asked = new AtomicReference<>();
    DeliveryGuard guard =
        (trigger, reference, email, occurredAt) -> {
          asked.set(occurredAt);
          return "recorded by the test";
        };
    engineB = builder(nodeB, key).deliveryGuard(guard).build();
    engineB.start();
    long until = System.currentTimeMillis() + 10_000;
    while (asked.get() == null && System.currentTimeMillis() < until) Thread.sleep(20);
    assertEquals(OCCURRED, asked.get(), "the prospect check's 'bought since'");
  }

  private static IntegrationEngine.Builder builder(EntityManagerFactory emf, String key) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(KitClient.builder().build())
        .secretKey(key)
        .useNodeClock()
        .pollInterval(Duration.ofMillis(50));
  }

  private static RuleDefinition rule(Trigger trigger, long integration, ActionType action) {
    return RuleDefinition.builder()
        .trigger(trigger)
        .integrationId(integration)
        .action(action)
        .addTag("reminded")
        .build();
  }

  private static StoreEvent prospect() {
    return StoreEvent.builder()
        .trigger(Trigger.PROSPECT_CREATED)
        .occurredAt(OCCURRED)
        .email("zoe@example.com")
        .reference("cart:Z1")
        .eventKey("prospect:Z1")
        .build();
  }

  private static StoreEvent purchase() {
    StoreEvent p = DeliveryTestBase.purchase("Z1", "zoe@example.com", 7);
    return StoreEvent.builder()
        .trigger(p.trigger())
        .occurredAt(OCCURRED)
        .email(p.email())
        .reference(p.reference())
        .eventKey(p.eventKey())
        .currency(p.currency())
        .total(p.total())
        .addLine(p.lines().get(0))
        .build();
  }
}

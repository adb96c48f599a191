package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.TagSubscriberRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * A lease holds through a whole action, and every node reads time from one clock: a drain that lost
 * its lease makes no further call, a restarted node waits for its old lease, and nodes with skewed
 * clocks or other time zones agree on leases and due times.
 */
class LeasesAndClocksTest extends DeliveryPromiseTestBase {
  @Test
  void aDrainWhoseLeaseWasTakenStopsBeforeItsNextCallAndHandsTheActionBack() throws Exception {
    // Every call must renew: the lease is just longer than one call plus a window.
    IntegrationEngine e =
        engine(
            engineBuilder(client(), "a")
                .kitCallBudget(Duration.ofSeconds(3))
                .rateWindow(Duration.ofSeconds(1))
                .leaseDuration(Duration.ofMillis(4100)));
    long integration = connect(e);
    for (String t : new String[] {"a", "b", "c"}) sandbox.createTag(secret, t);
    e.integrations().refreshTags(integration);
    e.rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_REFUNDED)
                .integrationId(integration)
                .action(ActionType.REMOVE_TAG)
                .addTag("a")
                .addTag("b")
                .addTag("c")
                .build());
    KitClient direct = client();
    TagSubscriberRequest tagged =
        TagSubscriberRequest.builder()
            .email("buyer@example.com")
            .tagIds(
                java.util.Arrays.asList(
                    sandbox.tagId(secret, "a"),
                    sandbox.tagId(secret, "b"),
                    sandbox.tagId(secret, "c")))
            .build();
    assertTrue(direct.tagSubscriber(KitCredential.v3Secret(secret), tagged).isSuccess());
    sandbox.delayResponses(Duration.ofMillis(600));
    long requests = sandbox.requestCount();
    e.start();
    e.publisher().publish(refund("X1"));
    await("the first removal call", () -> sandbox.requestCount() > requests);
    // Another engine takes the lease over (as if this one had stalled past it).
    new Jpa(emf)
        .tx(
            em ->
                em.createQuery(
                        "update DeliveryLeaseEntity l set l.owner = 'thief#1', l.leaseUntil = :u")
                    .setParameter("u", System.currentTimeMillis() + 60_000)
                    .executeUpdate());
    Thread.sleep(2500);
    assertEquals(1, sandbox.requestCount() - requests, "no call after the lease was lost");
    LogEntry entry = log(e, "X1").get(0);
    assertEquals(ActionStatus.PENDING, entry.status(), entry.toString());
    assertEquals(0, entry.attempts(), "handed back unattempted");
  }

  @Test
  void aRestartedNodeWithTheSameIdWaitsForItsOldLease() {
    IntegrationEngine first = engine(engineBuilder(client(), "node-1"));
    IntegrationEngine again = engine(engineBuilder(client(), "node-1"));
    assertNotEquals(first.nodeId(), again.nodeId(), "each start is a new owner");
    Leases a = leases(first.nodeId(), Clock.systemUTC());
    Leases b = leases(again.nodeId(), Clock.systemUTC());
    assertNotNull(a.acquire(1));
    assertNull(b.acquire(1), "a restarted node does not take back a lease that still runs");
    assertNotNull(a.acquire(1), "the holder keeps it");
  }

  @Test
  void nodesWithSkewedClocksAgreeOnLeasesAndDueTimes() {
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
    Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
    Leases onTime =
        leases("on-time#1", new com.ckengine.engine.store.DatabaseClock(emf, behind, 1000));
    Leases early = leases("ahead#1", new com.ckengine.engine.store.DatabaseClock(emf, ahead, 1000));
    assertNotNull(onTime.acquire(7));
    assertNull(early.acquire(7), "a node whose clock runs ahead does not see the lease as over");

    // An event published on the node whose clock runs ahead is due now, not in ten minutes' time
    // for the others; and one published behind is not delivered ten minutes late.
    IntegrationEngine publisher = engine(engineBuilder(client(), "ahead").clock(behind));
    long integration = connect(publisher);
    PurchaseRules.addTag(publisher, integration, "customer");
    publisher.publisher().publish(purchase("C1", "c@example.com", 1));
    IntegrationEngine deliverer = engine(engineBuilder(client(), "on-time").clock(ahead));
    deliverer.start();
    await("delivered by the other node", () -> finalIn(deliverer, "C1"));
    assertEquals(ActionStatus.DELIVERED, log(deliverer, "C1").get(0).status());
  }

  @Test
  void nodesInOtherTimeZonesReadTheSameLease() {
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
      Leases newYork = leases("new-york#1", Clock.systemUTC());
      assertNotNull(newYork.acquire(9));
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
      Leases tokyo = leases("tokyo#1", Clock.systemUTC());
      assertNull(tokyo.acquire(9), "the lease written in New York still runs in Tokyo");
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      assertNull(leases("line-islands#1", Clock.systemUTC()).acquire(9));
    } finally {
      TimeZone.setDefault(original);
    }
  }
}

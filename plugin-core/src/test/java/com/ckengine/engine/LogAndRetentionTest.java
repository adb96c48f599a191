package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PurchaseRecordEntity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delivery log keeps what the operator must see: retention keeps failed and in-doubt events and
 * prunes old purchase records, and log pages stay stable while new rows arrive.
 */
class LogAndRetentionTest extends DeliveryPromiseTestBase {
  @Test
  void retentionKeepsWhatWaitsOnTheOperatorAndPrunesOldPurchaseRecords() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    PurchaseRules.addPurchase(e, integration);
    for (int i = 0; i < 5; i++) {
      e.publisher().publish(purchase("K" + i, "k@example.com", 1));
      sleep(5); // distinct receive times
    }
    Jpa jpa = new Jpa(emf);
    jpa.tx(
        em ->
            em.createQuery(
                    "update ActionEntity a set a.status = :s where a.reference in ('K0', 'K1')")
                .setParameter("s", ActionStatus.FAILED)
                .executeUpdate());
    jpa.tx(
        em ->
            em.createQuery(
                    "update ActionEntity a set a.status = :s, a.inDoubt = true "
                        + "where a.reference = 'K2'")
                .setParameter("s", ActionStatus.SKIPPED)
                .executeUpdate());
    jpa.tx(
        em ->
            em.createQuery(
                    "update ActionEntity a set a.status = :s where a.reference in ('K3', 'K4')")
                .setParameter("s", ActionStatus.DELIVERED)
                .executeUpdate());
    jpa.tx(
        em -> {
          em.persist(new PurchaseRecordEntity(integration, "ANCIENT", 1, 7L, 1000L));
          em.persist(
              new PurchaseRecordEntity(integration, "RECENT", 2, 8L, System.currentTimeMillis()));
          return null;
        });
    ActionStore store = new ActionStore(jpa);
    // K4 is the newest: retention up to just before it leaves it.
    long k4 =
        jpa.tx(
            em ->
                em.createQuery(
                        "select e.receivedAt from EventEntity e where e.reference = 'K4'",
                        Long.class)
                    .getSingleResult());
    assertEquals(
        1,
        store.purgeOldEvents(k4, Long.MIN_VALUE, Long.MIN_VALUE, 10).deleted,
        "only the older delivered event goes");
    for (String kept : new String[] {"K0", "K1", "K2", "K4"}) {
      assertEquals(1, log(e, kept).size(), kept + " kept");
    }
    assertEquals(1, store.prunePurchaseRecords(System.currentTimeMillis() - 86_400_000L, 10));
    assertNull(store.purchaseRecord(integration, "ANCIENT"));
    assertNotNull(store.purchaseRecord(integration, "RECENT"));
  }

  @Test
  void logPagesStayStableWhileNewRowsArrive() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    for (int i = 0; i < 6; i++) e.publisher().publish(purchase("P" + i, "p@example.com", 1));
    LogPage first = e.log().search(LogQuery.builder().pageSize(3).build());
    assertEquals("P5", first.entries().get(0).reference());
    for (int i = 6; i < 10; i++) e.publisher().publish(purchase("P" + i, "p@example.com", 1));
    LogPage second =
        e.log().search(LogQuery.builder().pageSize(3).after(first.nextCursor()).build());
    List<String> refs = new ArrayList<String>();
    for (LogEntry x : second.entries()) refs.add(x.reference());
    assertEquals(java.util.Arrays.asList("P2", "P1", "P0"), refs, "no entry shifted or repeated");
    assertFalse(second.hasMore());
    assertEquals(first.nextCursor(), LogCursor.parse(first.nextCursor().toString()));
  }
}

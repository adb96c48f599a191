package com.ckengine.subscription;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.CardUpdated;
import com.ckengine.api.subscription.ChargeFailed;
import com.ckengine.api.subscription.ChargeSucceeded;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.FactResult.Outcome;
import com.ckengine.api.subscription.SubscriptionCanceled;
import com.ckengine.api.subscription.SubscriptionCanceled.CanceledBy;
import com.ckengine.api.subscription.SubscriptionRestarted;
import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.api.subscription.SubscriptionStatus;
import com.ckengine.api.subscription.SubscriptionView;
import com.ckengine.api.subscription.UnknownSubscriptionException;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every sequence of facts a billing module can report, against the real engine publisher and a real
 * database: which triggers fire, under which event keys, and that nothing fires twice. One database
 * per class (subscription ids are unique per test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SubscriptionLifecycleTestBase {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private EntityManagerFactory emf;
  private IntegrationEngine engine;
  private long integrationId;
  Recording publisher;
  JpaSubscriptionLifecycle lifecycle;
  String sub;

  abstract EntityManagerFactory database();

  @BeforeEach
  void setUp() {
    if (emf == null) {
      emf = database();
      String key = SecretCipher.generateKey();
      engine =
          IntegrationEngine.builder()
              .entityManagerFactory(emf)
              .kitClient(KitClient.builder().build())
              .secretKey(key)
              .build();
      integrationId = TestDatabases.insertIntegration(emf, key, "Main");
      // A purchase rule on renewals, so Charged events plan an action (Add Purchase is allowed).
      engine
          .rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.SUBSCRIPTION_CHARGED)
                  .integrationId(integrationId)
                  .action(ActionType.ADD_PURCHASE)
                  .build());
    }
    publisher = new Recording(engine.publisher());
    lifecycle = lifecycle(publisher, 4);
    sub = "sub-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
  }

  JpaSubscriptionLifecycle lifecycle(EventPublisher p, int delinquentAfter) {
    return JpaSubscriptionLifecycle.builder()
        .entityManagerFactory(emf)
        .publisher(p)
        .delinquentAfter(delinquentAfter)
        .build();
  }

  // ---- the sequences

  @Test
  void aStartFiresNothingAndAStartReportedAgainIsADuplicate() {
    FactResult r = start(lifecycle, sub);
    assertEquals(Outcome.APPLIED, r.outcome());
    assertEquals(List.of(), r.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, r.status());
    assertEquals(Outcome.DUPLICATE, start(lifecycle, sub).outcome());
    assertEquals(List.of(), publisher.keys());
    SubscriptionView v = lifecycle.find(sub);
    assertEquals(SubscriptionStatus.ACTIVE, v.status());
    assertEquals("Creator Club", v.productName());
    assertEquals(0, new BigDecimal("19.00").compareTo(v.price()));
    assertNull(lifecycle.find("never-started"));
  }

  @Test
  void eachSuccessfulChargeFiresChargedOnceWithItsChargeIdAsKey() {
    start(lifecycle, sub);
    FactResult first = succeed(sub, "ch-1", 1);
    // The first recurring charge also starts the subscription (Subscription Started, once).
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), first.triggers());
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), succeed(sub, "ch-2", 2).triggers());
    FactResult again = succeed(sub, "ch-1", 3);
    assertEquals(Outcome.DUPLICATE, again.outcome());
    assertEquals(List.of(), again.triggers());
    assertEquals(List.of("ch-1", "ch-1:started", "ch-2"), publisher.keys());
    StoreEvent charged = publisher.events.get(0);
    assertEquals(sub, charged.reference());
    assertEquals("ann@example.com", charged.email());
    assertEquals("USD", charged.currency());
    assertEquals(0, new BigDecimal("19.00").compareTo(charged.total()));
    assertEquals(104L, charged.lines().get(0).productId());
    assertTrue(charged.isTest());
    assertEquals(
        sub + "/ch-1", Trigger.SUBSCRIPTION_CHARGED.purchaseTransactionId(sub, charged.eventKey()));
    assertEquals(1, publisher.results.get(0).plannedActions(), "the purchase rule planned");
    assertEquals(3, storedEvents(sub), "the engine stored three events (two charges, one start)");
  }

  @Test
  void theFirstFailureOfARunFiresChargeFailedAndTheNextOnesNothing() {
    start(lifecycle, sub);
    FactResult f1 = fail(sub, "ch-1", 1);
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED), f1.triggers());
    assertEquals(SubscriptionStatus.PAST_DUE, f1.status());
    FactResult f2 = fail(sub, "ch-2", 2);
    assertEquals(Outcome.APPLIED, f2.outcome());
    assertEquals(List.of(), f2.triggers());
    assertEquals(Outcome.DUPLICATE, fail(sub, "ch-2", 3).outcome());
    assertEquals(2, lifecycle.find(sub).failuresInARow(), "a duplicate does not count");
    // A success without a card update ends the run without a recovery (it is the first success,
    // so it starts the subscription)...
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED),
        succeed(sub, "ch-3", 4).triggers());
    assertEquals(SubscriptionStatus.ACTIVE, lifecycle.find(sub).status());
    // ...and the next failure starts a new run: Charge Failed again.
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED), fail(sub, "ch-4", 5).triggers());
    assertEquals(List.of("ch-1:failed", "ch-3", "ch-3:started", "ch-4:failed"), publisher.keys());
  }

  @Test
  void fourFailuresInARowMakeItDelinquentWhichAlsoCancelsIt() {
    start(lifecycle, sub);
    fail(sub, "ch-1", 1);
    fail(sub, "ch-2", 2);
    fail(sub, "ch-3", 3);
    FactResult f4 = fail(sub, "ch-4", 4);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_DELINQUENT, Trigger.SUBSCRIPTION_CANCELED), f4.triggers());
    assertEquals(SubscriptionStatus.DELINQUENT, f4.status());
    assertEquals(List.of("ch-1:failed", "ch-4:delinquent", "ch-4:canceled"), publisher.keys());
    // Out of order: a fifth failure after the end, and a cancel of a delinquent one, fire nothing.
    FactResult late = fail(sub, "ch-5", 5);
    assertEquals(Outcome.IGNORED, late.outcome());
    assertTrue(late.note().contains("delinquent"), late.note());
    assertEquals(Outcome.IGNORED, cancel(sub, 6).outcome());
    assertEquals(3, publisher.keys().size());
    assertEquals(4, lifecycle.find(sub).failuresInARow());
  }

  @Test
  void theDelinquencyThresholdIsConfigurable() {
    JpaSubscriptionLifecycle two = lifecycle(publisher, 2);
    start(two, sub);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED),
        two.chargeFailed(failure(sub, "ch-1", 1)).triggers());
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_DELINQUENT, Trigger.SUBSCRIPTION_CANCELED),
        two.chargeFailed(failure(sub, "ch-2", 2)).triggers());
    JpaSubscriptionLifecycle one = lifecycle(publisher, 1);
    String other = sub + "-b";
    start(one, other);
    assertEquals(
        List.of(
            Trigger.SUBSCRIPTION_CHARGE_FAILED,
            Trigger.SUBSCRIPTION_DELINQUENT,
            Trigger.SUBSCRIPTION_CANCELED),
        one.chargeFailed(failure(other, "ch-x", 1)).triggers());
    assertThrows(IllegalArgumentException.class, () -> lifecycle(publisher, 0));
  }

  @Test
  void aSuccessAfterFailuresAndACardUpdateIsARecovery() {
    start(lifecycle, sub);
    fail(sub, "ch-1", 1);
    fail(sub, "ch-2", 2);
    FactResult card = lifecycle.cardUpdated(card(sub, 3));
    assertEquals(Outcome.APPLIED, card.outcome());
    assertEquals(List.of(), card.triggers());
    assertTrue(lifecycle.find(sub).cardUpdatedSinceFailure());
    FactResult ok = succeed(sub, "ch-3", 4);
    assertEquals(
        List.of(
            Trigger.SUBSCRIPTION_CHARGED,
            Trigger.SUBSCRIPTION_STARTED,
            Trigger.SUBSCRIPTION_RECOVERED),
        ok.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, ok.status());
    assertEquals(
        List.of("ch-1:failed", "ch-3", "ch-3:started", "ch-3:recovered"), publisher.keys());
    // The next success is an ordinary charge: the run is over.
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), succeed(sub, "ch-4", 5).triggers());
    FactResult v = succeed(sub, "ch-3", 6);
    assertEquals(Outcome.DUPLICATE, v.outcome(), "the recovering charge reported again");
    assertEquals(5, publisher.keys().size());
  }

  @Test
  void aCardUpdateReportedAfterTheChargeItMadePossibleIsARecovery() {
    start(lifecycle, sub);
    fail(sub, "ch-1", 1);
    fail(sub, "ch-2", 2);
    // The billing system reports the charge first, then the card update made before it.
    FactResult ok = succeed(sub, "ch-3", 4);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), ok.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, ok.status());
    FactResult card = lifecycle.cardUpdated(card(sub, 3));
    assertEquals(List.of(Trigger.SUBSCRIPTION_RECOVERED), card.triggers());
    assertEquals(
        List.of("ch-1:failed", "ch-3", "ch-3:started", "ch-3:recovered"), publisher.keys());
    // Once: the same update reported again, or another one, recovers nothing more.
    assertEquals(List.of(), lifecycle.cardUpdated(card(sub, 3)).triggers());
    assertEquals(4, publisher.keys().size());
  }

  @Test
  void aLateCardUpdateDatedOutsideTheFailuresIsNoRecovery() {
    start(lifecycle, sub);
    fail(sub, "ch-1", 2);
    succeed(sub, "ch-2", 4);
    assertEquals(List.of(), lifecycle.cardUpdated(card(sub, 1)).triggers(), "before the failures");
    assertEquals(List.of(), lifecycle.cardUpdated(card(sub, 5)).triggers(), "after the charge");
    assertEquals(List.of("ch-1:failed", "ch-2", "ch-2:started"), publisher.keys());
  }

  @Test
  void aCardUpdateBeforeAnyFailureIsNoRecovery() {
    start(lifecycle, sub);
    lifecycle.cardUpdated(card(sub, 1));
    fail(sub, "ch-1", 2);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED),
        succeed(sub, "ch-2", 3).triggers());
  }

  @Test
  void aCancelFiresCanceledOnceAndARestartFiresRestarted() {
    start(lifecycle, sub);
    FactResult c = cancel(sub, 1);
    assertEquals(List.of(Trigger.SUBSCRIPTION_CANCELED), c.triggers());
    assertEquals(SubscriptionStatus.CANCELED, c.status());
    assertEquals(Outcome.IGNORED, cancel(sub, 2).outcome(), "canceled twice");
    // A failure reported after the cancel changes nothing.
    FactResult late = fail(sub, "ch-1", 3);
    assertEquals(Outcome.IGNORED, late.outcome());
    assertTrue(late.note().contains("canceled"), late.note());

    FactResult r = restart(sub, 4);
    assertEquals(List.of(Trigger.SUBSCRIPTION_RESTARTED), r.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, r.status());
    assertEquals(Outcome.IGNORED, restart(sub, 5).outcome(), "a running one cannot restart");
    // A second life: canceled and restarted again, under new keys.
    assertEquals(List.of(Trigger.SUBSCRIPTION_CANCELED), cancel(sub, 6).triggers());
    assertEquals(List.of(Trigger.SUBSCRIPTION_RESTARTED), restart(sub, 7).triggers());
    assertEquals(
        List.of(
            sub + ":canceled:1", sub + ":restarted:1", sub + ":canceled:2", sub + ":restarted:2"),
        publisher.keys());
  }

  @Test
  void aDelinquentSubscriptionRestartsWithAFreshRun() {
    start(lifecycle, sub);
    for (int i = 1; i <= 4; i++) fail(sub, "ch-" + i, i);
    FactResult r = restart(sub, 5);
    assertEquals(List.of(Trigger.SUBSCRIPTION_RESTARTED), r.triggers());
    assertEquals(0, lifecycle.find(sub).failuresInARow());
    // Old failures reported late belong to the earlier life: ignored.
    assertEquals(Outcome.IGNORED, fail(sub, "ch-late", 4).outcome());
    // A new failure is the first of a new run.
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED), fail(sub, "ch-6", 6).triggers());
    assertEquals(
        List.of(
            "ch-1:failed", "ch-4:delinquent", "ch-4:canceled", sub + ":restarted:1", "ch-6:failed"),
        publisher.keys());
  }

  @Test
  void outOfOrderFactsAreTakenAsDocumented() {
    start(lifecycle, sub);
    succeed(sub, "ch-1", 10);
    // A failure older than the newest success is stale.
    assertEquals(Outcome.IGNORED, fail(sub, "ch-0", 5).outcome());
    // A failure for a charge that succeeded is ignored; the reverse order counts as a success.
    assertEquals(Outcome.IGNORED, fail(sub, "ch-1", 11).outcome());
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED), fail(sub, "ch-2", 12).triggers());
    FactResult retried = succeed(sub, "ch-2", 13);
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), retried.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, retried.status());
    // A success older than the newest failure: money was taken, the run goes on.
    fail(sub, "ch-3", 20);
    FactResult old = succeed(sub, "ch-older", 15);
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), old.triggers());
    assertEquals(SubscriptionStatus.PAST_DUE, old.status());
    // A cancel older than a restart, and a restart older than the end, are stale.
    cancel(sub, 30);
    assertEquals(Outcome.IGNORED, restart(sub, 25).outcome());
    restart(sub, 40);
    assertEquals(Outcome.IGNORED, cancel(sub, 35).outcome());
    assertEquals(SubscriptionStatus.ACTIVE, lifecycle.find(sub).status());
    // Money taken after a cancel still records the charge, without restarting it.
    cancel(sub, 50);
    FactResult afterEnd = succeed(sub, "ch-after", 51);
    assertEquals(List.of(Trigger.SUBSCRIPTION_CHARGED), afterEnd.triggers());
    assertEquals(SubscriptionStatus.CANCELED, afterEnd.status());
  }

  @Test
  void aChargeIdUsedByAnotherSubscriptionIsIgnored() {
    start(lifecycle, sub);
    start(lifecycle, sub + "-b");
    String shared = sub + "/shared";
    lifecycle.chargeSucceeded(
        ChargeSucceeded.builder()
            .subscriptionId(sub)
            .chargeId(shared)
            .amount(BigDecimal.ONE)
            .chargedAt(at(1))
            .build());
    FactResult r =
        lifecycle.chargeSucceeded(
            ChargeSucceeded.builder()
                .subscriptionId(sub + "-b")
                .chargeId(shared)
                .amount(BigDecimal.ONE)
                .chargedAt(at(2))
                .build());
    assertEquals(Outcome.IGNORED, r.outcome());
    assertTrue(r.note().contains(sub), r.note());
    assertEquals(List.of("shared", "shared:started"), publisher.keys());
  }

  @Test
  void factsForAnUnknownSubscriptionAreRefusedAndNothingIsRecorded() {
    UnknownSubscriptionException e =
        assertThrows(UnknownSubscriptionException.class, () -> succeed("nobody", "ch-1", 1));
    assertTrue(e.getMessage().contains("report that it started"), e.getMessage());
    assertThrows(UnknownSubscriptionException.class, () -> cancel("nobody", 1));
    assertEquals(0, facts("nobody"));
    assertEquals(List.of(), publisher.keys());
  }

  @Test
  void everyFactIsRecordedWithWhatItDid() {
    start(lifecycle, sub);
    fail(sub, "ch-1", 1);
    fail(sub, "ch-1", 2); // duplicate: not recorded again
    cancel(sub, 3);
    fail(sub, "ch-2", 4); // ignored: recorded with the reason
    EntityManager em = emf.createEntityManager();
    try {
      List<Object[]> rows =
          em.createQuery(
                  "select f.kind, f.outcome, f.triggers, f.note from SubscriptionFactEntity f "
                      + "where f.subscriptionId = :s order by f.id",
                  Object[].class)
              .setParameter("s", sub)
              .getResultList();
      assertEquals(4, rows.size());
      assertEquals(FactKind.STARTED, rows.get(0)[0]);
      assertEquals("SUBSCRIPTION_CHARGE_FAILED", rows.get(1)[2]);
      assertEquals("SUBSCRIPTION_CANCELED", rows.get(2)[2]);
      assertEquals(Outcome.IGNORED, rows.get(3)[1]);
      assertNotNull(rows.get(3)[3]);
    } finally {
      em.close();
    }
  }

  @Test
  void aPublishThatFailsRecordsNothingAndTheRetryFiresOnce() {
    start(lifecycle, sub);
    AtomicInteger calls = new AtomicInteger();
    // Publishes, then fails as if our own commit had failed after the engine's.
    EventPublisher flaky =
        new EventPublisher() {
          @Override
          public PublishResult publish(StoreEvent event) {
            PublishResult r = publisher.publish(event);
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("database went away");
            return r;
          }

          @Override
          public int cancel(Trigger trigger, String reference) {
            return 0;
          }
        };
    JpaSubscriptionLifecycle shaky = lifecycle(flaky, 4);
    assertThrows(IllegalStateException.class, () -> shaky.chargeSucceeded(success(sub, "ch-1", 1)));
    assertEquals(1, facts(sub), "only the start is recorded");
    FactResult retry = shaky.chargeSucceeded(success(sub, "ch-1", 1));
    assertEquals(Outcome.APPLIED, retry.outcome());
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), retry.triggers());
    assertEquals(
        List.of(
            PublishResult.Status.ACCEPTED,
            PublishResult.Status.DUPLICATE,
            PublishResult.Status.ACCEPTED),
        publisher.statuses(),
        "the engine stored each event once (Started was not published before the failure)");
    assertEquals(2, storedEvents(sub));
  }

  @Test
  void concurrentFailuresApplyOneAfterTheOther() throws Exception {
    start(lifecycle, sub);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<FactResult>> calls = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        final int n = i;
        calls.add(() -> fail(sub, "ch-" + n, n));
      }
      List<Trigger> fired = new ArrayList<>();
      for (Future<FactResult> f : pool.invokeAll(calls)) fired.addAll(f.get().triggers());
      Collections.sort(fired);
      assertEquals(
          List.of(
              Trigger.SUBSCRIPTION_CANCELED,
              Trigger.SUBSCRIPTION_CHARGE_FAILED,
              Trigger.SUBSCRIPTION_DELINQUENT),
          fired);
      assertEquals(SubscriptionStatus.DELINQUENT, lifecycle.find(sub).status());
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers

  static FactResult start(JpaSubscriptionLifecycle l, String id) {
    return l.started(
        SubscriptionStarted.builder()
            .subscriptionId(id)
            .productId(104)
            .sku("CK-CLUB-MONTHLY")
            .productName("Creator Club")
            .price(new BigDecimal("19.00"))
            .currency("USD")
            .email("ann@example.com")
            .firstName("Ann")
            .originOrderNumber("1001")
            .startedAt(T0)
            .test(true)
            .build());
  }

  static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes);
  }

  static ChargeSucceeded success(String id, String charge, int minute) {
    return ChargeSucceeded.builder()
        .subscriptionId(id)
        .chargeId(id + "/" + charge)
        .amount(new BigDecimal("19.00"))
        .chargedAt(at(minute))
        .build();
  }

  static ChargeFailed failure(String id, String charge, int minute) {
    return ChargeFailed.builder()
        .subscriptionId(id)
        .chargeId(id + "/" + charge)
        .reason("card declined")
        .failedAt(at(minute))
        .build();
  }

  static CardUpdated card(String id, int minute) {
    return CardUpdated.builder().subscriptionId(id).updatedAt(at(minute)).build();
  }

  FactResult succeed(String id, String charge, int minute) {
    return lifecycle.chargeSucceeded(success(id, charge, minute));
  }

  FactResult fail(String id, String charge, int minute) {
    return lifecycle.chargeFailed(failure(id, charge, minute));
  }

  FactResult cancel(String id, int minute) {
    return lifecycle.canceled(
        SubscriptionCanceled.builder()
            .subscriptionId(id)
            .canceledBy(CanceledBy.CUSTOMER)
            .canceledAt(at(minute))
            .build());
  }

  FactResult restart(String id, int minute) {
    return lifecycle.restarted(
        SubscriptionRestarted.builder().subscriptionId(id).restartedAt(at(minute)).build());
  }

  private long facts(String id) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery(
              "select count(f) from SubscriptionFactEntity f where f.subscriptionId = :s",
              Long.class)
          .setParameter("s", id)
          .getSingleResult();
    } finally {
      em.close();
    }
  }

  /** Events the engine stored for this reference (its CK_EVENT table). */
  private long storedEvents(String reference) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.createQuery("select count(e) from EventEntity e where e.reference = :r", Long.class)
          .setParameter("r", reference)
          .getSingleResult();
    } finally {
      em.close();
    }
  }

  /** Passes events to the engine and remembers what was published and what the engine said. */
  static final class Recording implements EventPublisher {
    private final EventPublisher target;
    final List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<PublishResult> results = Collections.synchronizedList(new ArrayList<>());

    Recording(EventPublisher target) {
      this.target = target;
    }

    @Override
    public PublishResult publish(StoreEvent event) {
      PublishResult r = target.publish(event);
      events.add(event);
      results.add(r);
      return r;
    }

    @Override
    public int cancel(Trigger trigger, String reference) {
      return target.cancel(trigger, reference);
    }

    /** The keys of events the engine accepted, in order. */
    List<String> keys() {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < events.size(); i++) {
        StoreEvent e = events.get(i);
        // Charge ids are "<subscription>/<charge>" (unique per test); shown without the prefix.
        if (results.get(i).isAccepted()) keys.add(e.eventKey().replace(e.reference() + "/", ""));
      }
      return keys;
    }

    List<PublishResult.Status> statuses() {
      List<PublishResult.Status> s = new ArrayList<>();
      for (PublishResult r : results) s.add(r.status());
      return s;
    }
  }
}

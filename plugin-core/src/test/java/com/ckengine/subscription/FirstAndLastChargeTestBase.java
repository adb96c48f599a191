package com.ckengine.subscription;

import static com.ckengine.subscription.SubscriptionLifecycleTestBase.T0;
import static com.ckengine.subscription.SubscriptionLifecycleTestBase.at;
import static com.ckengine.subscription.SubscriptionLifecycleTestBase.failure;
import static com.ckengine.subscription.SubscriptionLifecycleTestBase.start;
import static com.ckengine.subscription.SubscriptionLifecycleTestBase.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.FactResult.Outcome;
import com.ckengine.api.subscription.SubscriptionCanceled;
import com.ckengine.api.subscription.SubscriptionRestarted;
import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.api.subscription.SubscriptionStatus;
import com.ckengine.api.subscription.SubscriptionView;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import com.ckengine.subscription.SubscriptionLifecycleTestBase.Recording;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lifecycle's rules for SamCart's newer subscription triggers, against the real engine and a
 * real database: the first recurring charge fires Subscription Started once (however it is repeated
 * or replayed), a payment plan's last charge fires Subscription Completed once and leaves it
 * COMPLETED, and charges after completion are refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FirstAndLastChargeTestBase {
  private EntityManagerFactory emf;
  private IntegrationEngine engine;
  private Recording publisher;
  private JpaSubscriptionLifecycle lifecycle;
  private String sub;

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
      long integration = TestDatabases.insertIntegration(emf, key, "Main");
      for (Trigger t : new Trigger[] {Trigger.SUBSCRIPTION_STARTED, Trigger.SUBSCRIPTION_CHARGED}) {
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(t)
                    .integrationId(integration)
                    .action(ActionType.ADD_PURCHASE)
                    .build());
      }
      engine
          .rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.SUBSCRIPTION_COMPLETED)
                  .integrationId(integration)
                  .action(ActionType.ADD_TAG)
                  .addTag("plan-paid")
                  .build());
    }
    publisher = new Recording(engine.publisher());
    lifecycle = lifecycle(publisher);
    sub = "sub-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
  }

  private JpaSubscriptionLifecycle lifecycle(EventPublisher p) {
    return JpaSubscriptionLifecycle.builder().entityManagerFactory(emf).publisher(p).build();
  }

  // ---- Subscription Started

  @Test
  void theFirstRecurringChargeFiresStartedOnceAndTheOrderDoesNot() {
    assertEquals(List.of(), start(lifecycle, sub).triggers(), "the order fires Product Purchased");
    FactResult first = lifecycle.chargeSucceeded(success(sub, "R1", 30));
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), first.triggers());
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED),
        lifecycle.chargeSucceeded(success(sub, "R2", 60)).triggers());
    assertEquals(Outcome.DUPLICATE, lifecycle.chargeSucceeded(success(sub, "R1", 90)).outcome());
    assertEquals(List.of("R1", "R1:started", "R2"), publisher.keys());

    StoreEvent started = publisher.events.get(1);
    assertEquals(Trigger.SUBSCRIPTION_STARTED, started.trigger());
    assertEquals(sub, started.reference());
    assertEquals("ann@example.com", started.email());
    assertEquals("Ann", started.firstName());
    assertEquals(104L, started.lines().get(0).productId());
    assertEquals(0, new BigDecimal("19.00").compareTo(started.total()));
    assertEquals(
        sub + "/R1",
        Trigger.SUBSCRIPTION_STARTED.purchaseTransactionId(sub, started.eventKey()),
        "the first charge's purchase: the same transaction as its Subscription Charged");
    assertEquals(2, lifecycle.find(sub).recurringCharges());
  }

  @Test
  void failedChargesBeforeTheFirstSuccessDoNotStartIt() {
    start(lifecycle, sub);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGE_FAILED),
        lifecycle.chargeFailed(failure(sub, "R1", 30)).triggers());
    FactResult paid = lifecycle.chargeSucceeded(success(sub, "R2", 40));
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), paid.triggers());
    assertEquals(List.of("R1:failed", "R2", "R2:started"), publisher.keys());
  }

  @Test
  void aFirstChargeReplayedAfterItsRecordingFailedFiresStartedOnce() {
    start(lifecycle, sub);
    // The events are stored, then the fact's own transaction fails (the process dies there): the
    // billing module reports the same charge again.
    EventPublisher dying =
        new EventPublisher() {
          @Override
          public PublishResult publish(StoreEvent event) {
            PublishResult r = publisher.publish(event);
            if (event.trigger() == Trigger.SUBSCRIPTION_STARTED) {
              throw new IllegalStateException("process died after storing " + event.eventKey());
            }
            return r;
          }

          @Override
          public int cancel(Trigger trigger, String reference) {
            return 0;
          }
        };
    assertThrows(
        IllegalStateException.class,
        () -> lifecycle(dying).chargeSucceeded(success(sub, "R1", 30)));
    assertEquals(0, lifecycle.find(sub).recurringCharges(), "nothing of the fact was kept");

    FactResult replayed = lifecycle.chargeSucceeded(success(sub, "R1", 30));
    assertEquals(Outcome.APPLIED, replayed.outcome());
    assertEquals(List.of("R1", "R1:started"), publisher.keys(), "each event stored once");
    assertEquals(
        List.of(
            PublishResult.Status.ACCEPTED,
            PublishResult.Status.ACCEPTED,
            PublishResult.Status.DUPLICATE,
            PublishResult.Status.DUPLICATE),
        publisher.statuses());
    assertEquals(2, storedEvents(sub));
    assertEquals(1, lifecycle.find(sub).recurringCharges());
  }

  @Test
  void withTheEnginesOwnPublisherTheFactAndStartedCommitTogether() {
    JpaSubscriptionLifecycle joined = lifecycle(engine.publisher());
    start(joined, sub);
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED),
        joined.chargeSucceeded(success(sub, "R1", 30)).triggers());
    assertEquals(Outcome.DUPLICATE, joined.chargeSucceeded(success(sub, "R1", 31)).outcome());
    assertEquals(2, storedEvents(sub));
  }

  // ---- Subscription Completed

  @Test
  void aPlanOfThreeCompletesAtItsSecondRecurringChargeAndRefusesMore() {
    plan(sub, 3);
    FactResult second = lifecycle.chargeSucceeded(success(sub, "R1", 30));
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_STARTED), second.triggers());
    assertEquals(SubscriptionStatus.ACTIVE, second.status());
    SubscriptionView v = lifecycle.find(sub);
    assertEquals(2, v.paymentsMade(), "payment 2 (the order was payment 1)");
    assertEquals(Integer.valueOf(3), v.plannedPayments());

    FactResult last = lifecycle.chargeSucceeded(success(sub, "R2", 60));
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_COMPLETED), last.triggers());
    assertEquals(SubscriptionStatus.COMPLETED, last.status());
    assertEquals(3, lifecycle.find(sub).paymentsMade());
    assertEquals(SubscriptionStatus.COMPLETED, lifecycle.find(sub).status());

    FactResult more = lifecycle.chargeSucceeded(success(sub, "R3", 90));
    assertEquals(Outcome.IGNORED, more.outcome());
    assertEquals(List.of(), more.triggers());
    assertEquals(Outcome.DUPLICATE, lifecycle.chargeSucceeded(success(sub, "R2", 61)).outcome());
    assertEquals(Outcome.IGNORED, lifecycle.chargeFailed(failure(sub, "R4", 95)).outcome());
    assertEquals(
        Outcome.IGNORED,
        lifecycle
            .canceled(
                SubscriptionCanceled.builder()
                    .subscriptionId(sub)
                    .canceledBy(SubscriptionCanceled.CanceledBy.CUSTOMER)
                    .canceledAt(at(100))
                    .build())
            .outcome());
    assertEquals(
        Outcome.IGNORED,
        lifecycle
            .restarted(
                SubscriptionRestarted.builder().subscriptionId(sub).restartedAt(at(110)).build())
            .outcome());
    assertEquals(SubscriptionStatus.COMPLETED, lifecycle.find(sub).status());
    assertEquals(List.of("R1", "R1:started", "R2", "R2:completed"), publisher.keys());
    assertEquals(3, lifecycle.find(sub).paymentsMade(), "the refused charge counts for nothing");
  }

  @Test
  void failedChargesOfAPlanAreNotPayments() {
    plan(sub, 3);
    lifecycle.chargeSucceeded(success(sub, "R1", 30));
    lifecycle.chargeFailed(failure(sub, "R2", 60));
    assertEquals(SubscriptionStatus.PAST_DUE, lifecycle.find(sub).status());
    FactResult paid = lifecycle.chargeSucceeded(success(sub, "R3", 70));
    assertEquals(
        List.of(Trigger.SUBSCRIPTION_CHARGED, Trigger.SUBSCRIPTION_COMPLETED), paid.triggers());
    assertEquals(SubscriptionStatus.COMPLETED, paid.status());
  }

  @Test
  void aPlanOfTwoStartsAndCompletesAtItsOnlyRecurringCharge() {
    plan(sub, 2);
    FactResult only = lifecycle.chargeSucceeded(success(sub, "R1", 30));
    assertEquals(
        List.of(
            Trigger.SUBSCRIPTION_CHARGED,
            Trigger.SUBSCRIPTION_STARTED,
            Trigger.SUBSCRIPTION_COMPLETED),
        only.triggers());
    assertEquals(Outcome.DUPLICATE, lifecycle.chargeSucceeded(success(sub, "R1", 31)).outcome());
    assertEquals(List.of("R1", "R1:started", "R1:completed"), publisher.keys());
  }

  @Test
  void aSubscriptionWithoutAPlanNeverCompletes() {
    start(lifecycle, sub);
    for (int i = 1; i <= 5; i++) lifecycle.chargeSucceeded(success(sub, "R" + i, 30 * i));
    assertEquals(SubscriptionStatus.ACTIVE, lifecycle.find(sub).status());
    assertEquals(5, lifecycle.find(sub).recurringCharges());
    for (StoreEvent e : publisher.events) {
      assertEquals(true, e.trigger() != Trigger.SUBSCRIPTION_COMPLETED, e.eventKey());
    }
  }

  // ---- helpers

  private void plan(String id, int payments) {
    lifecycle.started(
        SubscriptionStarted.builder()
            .subscriptionId(id)
            .productId(120)
            .sku("CK-LAUNCH-ACCEL-121")
            .productName("Launch Accelerator (3 payments)")
            .price(new BigDecimal("105.00"))
            .currency("USD")
            .email("ann@example.com")
            .firstName("Ann")
            .originOrderNumber("1042")
            .startedAt(T0)
            .test(true)
            .plannedPayments(payments)
            .build());
  }

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
}

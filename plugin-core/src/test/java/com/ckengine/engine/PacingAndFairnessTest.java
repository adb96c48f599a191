package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitSubscription;
import com.ckengine.kit.TagSubscriberRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Delivery is paced, fair and sturdy: the engine's own limiter never counts as a failed attempt,
 * one subscriber's actions go one at a time in order, busy integrations do not starve another, and
 * neither a thrown {@code Error} nor start and stop from many threads ends delivery on a node.
 */
class PacingAndFairnessTest extends DeliveryPromiseTestBase {
  @Test
  void actionsBeyondThisProcesssLimitWaitParkedWithoutAttemptsAndKeepTheirOrder() {
    KitClient limited =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .v4BaseUrl(sandbox.v4BaseUrl())
            .rateLimit(4, Duration.ofSeconds(2))
            .maxRateLimitWait(Duration.ofMillis(100))
            .build();
    IntegrationEngine e =
        engine(
            engineBuilder(limited, "a")
                .rateWindow(Duration.ofSeconds(2))
                .parkAbove(Duration.ofMillis(50))
                // One at a time, so the order of the whole queue shows (several in flight keep it
                // per subscriber: see the test below).
                .callsInFlight(1));
    long integration = connect(e);
    long tag = sandbox.createTag(secret, "customer");
    PurchaseRules.addTag(e, integration, com.ckengine.api.RuleTag.of("customer", tag));
    for (int i = 0; i < 10; i++) {
      e.publisher().publish(purchase("T" + i, "t" + i + "@example.com", 1));
    }
    e.start();
    await(
        "all delivered",
        () -> TestDatabases.countLog(e, LogQuery.builder().status(ActionStatus.DELIVERED)) == 10);
    List<LogEntry> all = e.log().search(LogQuery.builder().build()).entries();
    List<Instant> finished = new ArrayList<Instant>();
    for (int i = all.size() - 1; i >= 0; i--) {
      LogEntry x = all.get(i);
      assertEquals(1, x.attempts(), "the limiter's wait is not an attempt: " + x);
      finished.add(x.finishedAt());
    }
    List<Instant> sorted = new ArrayList<Instant>(finished);
    Collections.sort(sorted);
    assertEquals(sorted, finished, "delivered in the order published");
    assertEquals(0, sandbox.rateLimitedCount());
  }

  @Test
  void severalCallsAreInFlightButOneSubscribersActionsGoOneAtATimeInOrder() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    long tag = sandbox.createTag(secret, "customer");
    for (Trigger t : new Trigger[] {Trigger.PRODUCT_PURCHASED, Trigger.PRODUCT_REFUNDED}) {
      e.rules()
          .create(
              RuleDefinition.builder()
                  .trigger(t)
                  .integrationId(integration)
                  .action(
                      t == Trigger.PRODUCT_PURCHASED ? ActionType.ADD_TAG : ActionType.REMOVE_TAG)
                  .addTag(com.ckengine.api.RuleTag.of("customer", tag))
                  .build());
    }
    // Every buyer's purchase, then a refund of every third: its Remove Tag must come after the Add.
    for (int i = 0; i < 12; i++) {
      e.publisher().publish(purchase("P" + i, "p" + i + "@example.com", 1));
    }
    for (int i = 0; i < 12; i += 3) {
      e.publisher().publish(refundFor("P" + i, "p" + i + "@example.com"));
    }
    sandbox.delayResponses(Duration.ofMillis(300));
    sandbox.resetInFlight();
    e.start();
    await(
        "all delivered",
        () -> TestDatabases.countLog(e, LogQuery.builder().status(ActionStatus.DELIVERED)) == 16);
    assertTrue(
        sandbox.peakRequestsInFlight() >= 4,
        "calls in flight at once: " + sandbox.peakRequestsInFlight());
    assertEquals(0, sandbox.overlappingRequestsForOneSubscriber());
    for (int i = 0; i < 12; i++) {
      List<String> tags = sandbox.subscriberTags(secret, "p" + i + "@example.com");
      assertEquals(i % 3 != 0, tags.contains("customer"), "p" + i + ": " + tags);
    }
    for (LogEntry x : e.log().search(LogQuery.builder().build()).entries()) {
      assertEquals(1, x.attempts(), x.toString());
    }
  }

  @Test
  void twoBusyIntegrationsDoNotStarveAThird() {
    IntegrationEngine e =
        engine(
            engineBuilder(client(), "a").workerThreads(2).deliverySlice(3, Duration.ofSeconds(10)));
    List<Long> ids = new ArrayList<Long>();
    String[] secrets = {
      secret,
      sandbox.createAccount("Two", "two@shop.example"),
      sandbox.createAccount("Three", "three@shop.example")
    };
    for (int i = 0; i < 3; i++) {
      long id = e.integrations().connect("I" + i, secrets[i]).id();
      ids.add(id);
      PurchaseRules.addTag(e, id, "customer");
    }
    // Warm the tag caches so each action is one call.
    for (int i = 0; i < 3; i++) sandbox.createTag(secrets[i], "customer");
    for (long id : ids) e.integrations().refreshTags(id);
    sandbox.delayResponses(Duration.ofMillis(50));
    for (int n = 0; n < 20; n++) {
      e.publisher().publish(purchase("F" + n, "f" + n + "@example.com", 1));
    }
    e.start();
    await(
        "the third integration served",
        () ->
            TestDatabases.countLog(
                    e, LogQuery.builder().integrationId(ids.get(2)).status(ActionStatus.DELIVERED))
                > 0);
    int firstDone =
        TestDatabases.countLog(
            e, LogQuery.builder().integrationId(ids.get(0)).status(ActionStatus.DELIVERED));
    int secondDone =
        TestDatabases.countLog(
            e, LogQuery.builder().integrationId(ids.get(1)).status(ActionStatus.DELIVERED));
    assertTrue(
        firstDone < 20 || secondDone < 20,
        "the third was served before the first two finished: " + firstDone + ", " + secondDone);
  }

  @Test
  void noThrowableEndsDeliveryOnANode() {
    AtomicBoolean blowUp = new AtomicBoolean(true);
    KitClient real = client();
    KitClient failingOnce =
        new DelegatingKit(real) {
          @Override
          public KitResult<KitSubscription> tagSubscriber(KitCredential s, TagSubscriberRequest r) {
            if (blowUp.getAndSet(false)) throw new AssertionError("an Error, not an Exception");
            return super.tagSubscriber(s, r);
          }
        };
    IntegrationEngine e =
        engine(engineBuilder(failingOnce, "a").leaseDuration(Duration.ofMillis(4100)));
    long integration = connect(e);
    PurchaseRules.addTag(e, integration, "customer");
    e.start();
    e.publisher().publish(purchase("E1", "e1@example.com", 1));
    e.publisher().publish(purchase("E2", "e2@example.com", 1));
    await("both delivered", () -> finalIn(e, "E1") && finalIn(e, "E2"));
    assertEquals(ActionStatus.DELIVERED, log(e, "E1").get(0).status());
    assertEquals(ActionStatus.DELIVERED, log(e, "E2").get(0).status());
    assertTrue(e.isDelivering());
  }

  @Test
  void startAndStopFromManyThreadsNeverBreaksTheWorker() throws Exception {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    PurchaseRules.addTag(e, integration, "customer");
    List<Thread> threads = new ArrayList<Thread>();
    AtomicInteger errors = new AtomicInteger();
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 25; i++) {
                    e.start();
                    e.publisher()
                        .publish(
                            purchase(
                                "Z" + Thread.currentThread().getId() + "-" + i,
                                "z@example.com",
                                1));
                    e.close();
                  }
                } catch (Throwable x) {
                  errors.incrementAndGet();
                  x.printStackTrace();
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) th.join();
    assertEquals(0, errors.get());
    e.start();
    await(
        "everything delivered after the last start",
        () -> TestDatabases.countLog(e, LogQuery.builder().status(ActionStatus.DELIVERED)) == 100);
  }
}

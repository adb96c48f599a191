package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import com.ckengine.subscription.JpaSubscriptionLifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A soak: a busy day of a store compressed into seconds, then quiet days until well past the log's
 * retention, on a clock the test moves by hand. Orders, prospects (half cancelled by a purchase),
 * refunds of earlier orders and subscription renewals (some failing and recovering after a card
 * update) are published while delivery runs against the Kit sandbox; every few simulated hours the
 * node restarts (a new engine, subscription lifecycle and EntityManagerFactory on the same
 * database: a new incarnation), and after each restart every event of the sweeps' look-back is
 * published again and every billing fact of it reported again, as the storefront's catch-up sweeps
 * and the billing module do: each must be a DUPLICATE. Retention purges every simulated hour.
 *
 * <p>It ends with each event stored once and each action planned once and attempted once, each
 * purchase once in Kit, each subscriber's tags what the events say, as many Kit writes as delivered
 * writes, and the events older than the retention age gone while the newer ones are kept.
 * Subclasses pick the database.
 */
abstract class StoreLifeSoakTestBase {
  static final String KEY = SecretCipher.generateKey();
  static final Instant START = Instant.parse("2026-05-04T06:00:00Z");

  static final int BUSY_HOURS = 28;
  static final int RESTART_EVERY_BUSY_HOURS = 5;
  static final Duration QUIET_STRETCH = Duration.ofHours(6);
  static final int RESTART_EVERY_QUIET_STRETCHES = 2;

  static final Duration LOOKBACK = CatchUpWindow.DEFAULT_LOOKBACK;

  /** The shortest retention the engine allows: the look-back plus a day (96 h). */
  static final Duration RETENTION = CatchUpWindow.retentionFloor(LOOKBACK);

  /** Busy hours, then quiet ones until half a day past the retention of the last busy hour. */
  static final Duration RUN = Duration.ofHours(BUSY_HOURS).plus(RETENTION).plusHours(12);

  /** A restart takes longer than a delivery lease (5 min), which the new incarnation waits out. */
  static final Duration DOWNTIME = Duration.ofMinutes(6);

  /** Longer than an hour: a prospect who buys within the hour is cancelled before it is due. */
  static final Duration PROSPECT_DELAY = Duration.ofMinutes(90);

  final SimulatedClock clock = new SimulatedClock(START);
  final StoreActivity activity = new StoreActivity();
  final LogLedger ledger = new LogLedger();
  KitSandbox sandbox;
  String secret;
  Node node;

  int restarts;
  long handedOver;
  int republished;
  int purged;
  Instant firstPurge;

  /** A fresh, empty database; its JDBC URL. */
  abstract String newDatabase();

  /** An EntityManagerFactory of the engine's entities on {@code url}, hbm2ddl {@code ddl}. */
  abstract EntityManagerFactory open(String url, String ddl);

  /** One incarnation of the store's node: its own EntityManagerFactory, engine and lifecycle. */
  final class Node implements StoreActivity.Storefront {
    final EntityManagerFactory emf;
    final IntegrationEngine engine;
    final JpaSubscriptionLifecycle lifecycle;

    Node(EntityManagerFactory emf) {
      this.emf = emf;
      this.engine =
          IntegrationEngine.builder()
              .entityManagerFactory(emf)
              .kitClient(
                  KitClient.builder()
                      .baseUrl(sandbox.baseUrl())
                      .v4BaseUrl(sandbox.v4BaseUrl())
                      .noRateLimit()
                      .build())
              .secretKey(KEY)
              .nodeId("shop-" + restarts)
              .clock(clock)
              .useNodeClock()
              .pollInterval(Duration.ofMillis(50))
              .prospectDelay(PROSPECT_DELAY)
              .sweepLookback(LOOKBACK)
              .retentionAge(RETENTION)
              .build();
      this.lifecycle =
          JpaSubscriptionLifecycle.builder()
              .entityManagerFactory(emf)
              .publisher(engine.publisher())
              .clock(clock)
              .build();
    }

    @Override
    public EventPublisher publisher() {
      return engine.publisher();
    }

    @Override
    public SubscriptionLifecycle billing() {
      return lifecycle;
    }

    void close() {
      engine.close();
      emf.close();
    }
  }

  @AfterEach
  void tearDown() {
    if (node != null) node.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void aDayOfStoreLifePastRetentionWithRestartsEndsWithEachEventAndActionOnce() {
    long began = System.nanoTime();
    sandbox = KitSandbox.builder().port(0).noRateLimit().build();
    sandbox.start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    for (String tag : new String[] {"customer", "prospect", "bought-1", "bought-2", "bought-3"}) {
      sandbox.createTag(secret, tag);
    }
    String url = newDatabase();
    node = new Node(open(url, "create"));
    long integration = node.engine.integrations().connect("Shop", secret).id();
    createRules(node.engine.rules(), integration);
    long requestsBefore = sandbox.requestCount(); // the connect's reads
    node.engine.start();

    for (int hour = 0; hour < BUSY_HOURS; hour++) {
      clock.moveTo(START.plus(Duration.ofHours(hour)));
      activity.busyHour(hour, hour == BUSY_HOURS - 1, clock.instant(), node);
      // Restarted while the hour's actions are being delivered: the next incarnation finishes.
      if (hour % RESTART_EVERY_BUSY_HOURS == RESTART_EVERY_BUSY_HOURS - 1) restart(url);
      settle();
    }
    Instant end = START.plus(RUN);
    int stretch = 0;
    for (Instant t = START.plus(Duration.ofHours(BUSY_HOURS)); !t.isAfter(end); stretch++) {
      clock.moveTo(t);
      activity.quietStretch(stretch, clock.instant(), node);
      settle();
      if (stretch % RESTART_EVERY_QUIET_STRETCHES == 1) {
        restart(url);
        settle();
      }
      t = t.plus(QUIET_STRETCH);
    }
    ledger.look(node.emf);

    eachEventOnce();
    eachActionPlannedOnceAndAttemptedOnce();
    kitHoldsWhatTheEventsSay(requestsBefore);
    retentionDeletedTheOldAndKeptTheNew();
    System.out.printf(
        "StoreLifeSoak: %d events, %d actions, %d restarts (%d due actions handed over),"
            + " %d republished as duplicates, %d purged, %d Kit writes, %d simulated hours in %d"
            + " ms%n",
        ledger.eventsSeen().size(),
        ledger.actionCount(),
        restarts,
        handedOver,
        republished,
        purged,
        activity.expectedKitWrites(),
        Duration.between(START, clock.instant()).toHours(),
        (System.nanoTime() - began) / 1_000_000);
  }

  /** The store's rules, as an operator would set them up. */
  static void createRules(RuleService rules, long integration) {
    rules.create(
        rule(Trigger.PRODUCT_PURCHASED, integration, ActionType.ADD_TAG, null, "customer"));
    rules.create(rule(Trigger.PRODUCT_PURCHASED, integration, ActionType.ADD_PURCHASE, null));
    for (long p : StoreActivity.PRODUCTS) {
      rules.create(
          rule(Trigger.PRODUCT_PURCHASED, integration, ActionType.ADD_TAG, p, "bought-" + p));
      rules.create(
          rule(Trigger.PRODUCT_REFUNDED, integration, ActionType.REMOVE_TAG, p, "bought-" + p));
    }
    rules.create(rule(Trigger.PROSPECT_CREATED, integration, ActionType.ADD_TAG, null, "prospect"));
    rules.create(rule(Trigger.SUBSCRIPTION_CHARGED, integration, ActionType.ADD_PURCHASE, null));
  }

  private static RuleDefinition rule(
      Trigger t, long integration, ActionType a, Long product, String... tags) {
    RuleDefinition.Builder b =
        RuleDefinition.builder().trigger(t).integrationId(integration).action(a).productId(product);
    for (String tag : tags) b.addTag(tag);
    return b.build();
  }

  // ---- the run

  /**
   * Closes this node and starts the next incarnation on the same database after a downtime, then
   * catches up: every event of the look-back published again, every billing fact of it reported
   * again. Only the look-back: older events may be purged, and the sweeps never look further.
   */
  private void restart(String url) {
    node.engine.close(); // calls in flight finish; what was not claimed stays due
    handedOver += dueNow();
    node.close();
    node = null;
    clock.advance(DOWNTIME);
    restarts++;
    node = new Node(open(url, "none"));
    node.engine.start();
    Instant lookback = clock.instant().minus(LOOKBACK);
    for (StoreEvent e : activity.publishedAfter(lookback)) {
      PublishResult r = node.engine.publisher().publish(e);
      assertEquals(
          PublishResult.Status.DUPLICATE,
          r.status(),
          e.eventKey() + " published again after restart " + restarts);
      republished++;
    }
    for (StoreActivity.ReportedFact f : activity.factsAfter(lookback)) {
      FactResult r = f.report.apply(node.lifecycle);
      assertEquals(
          FactResult.Outcome.DUPLICATE, r.outcome(), f.what + " reported again: " + r.note());
      republished++;
    }
  }

  /**
   * Lets delivery finish what is due now, notes what the log holds, then runs retention (the
   * engine's hourly housekeeping, run by hand at each simulated step).
   */
  private void settle() {
    awaitNothingDue();
    ledger.look(node.emf);
    int deleted = node.engine.logActions().purge();
    if (deleted > 0 && firstPurge == null) firstPurge = clock.instant();
    purged += deleted;
  }

  static final String DUE_OR_IN_FLIGHT =
      "select count(*) from CK_ACTION where STATUS in ('PENDING', 'RETRYING') and DUE_AT <= ?1";

  /** Actions due by now that are not final: waiting for a worker, or in flight. */
  private long dueNow() {
    long now = clock.millis();
    return new Jpa(node.emf)
        .tx(
            em ->
                ((Number)
                        em.createNativeQuery(DUE_OR_IN_FLIGHT)
                            .setParameter(1, now)
                            .getSingleResult())
                    .longValue());
  }

  private void awaitNothingDue() {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      long due = dueNow();
      if (due == 0) return;
      if (System.nanoTime() > deadline) {
        fail(due + " actions still due at " + clock.instant() + " after 30 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  // ---- the end

  private void eachEventOnce() {
    assertEquals(Collections.emptyMap(), ledger.eventKeysStoredTwice(), "event keys stored twice");
    assertEquals(
        activity.expectedEventKeys(),
        ledger.eventsSeen().keySet(),
        "the events stored over the run are the store's events");
  }

  private void eachActionPlannedOnceAndAttemptedOnce() {
    assertEquals(Collections.emptyMap(), ledger.actionsPlannedTwice(), "actions planned twice");
    assertEquals(
        Collections.emptyList(),
        ledger.eventActionsPlannedTwice(),
        "events with two actions of one kind");
    assertEquals(
        activity.expectedActions(),
        ledger.actionsByOutcome(),
        "how the actions ended, per status and action");
    assertEquals(
        Collections.emptyList(),
        ledger.attemptedOtherThanOnce(),
        "delivered in other than one try");
    // What the log shows the operator of the actions retention kept says the same.
    int shown = 0;
    LogCursor after = null;
    do {
      LogPage page =
          node.engine
              .log()
              .search(LogQuery.builder().pageSize(LogQuery.MAX_PAGE_SIZE).after(after).build());
      for (LogEntry e : page.entries()) {
        shown++;
        assertFalse(e.status().isOpen(), e.toString());
        assertEquals(e.status() == ActionStatus.DELIVERED ? 1 : 0, e.attempts(), e.toString());
      }
      after = page.nextCursor();
    } while (after != null);
    assertTrue(shown > 0, "the log keeps the newer actions");
  }

  private void kitHoldsWhatTheEventsSay(long requestsBefore) {
    List<String> transactions = new ArrayList<String>();
    for (RecordedPurchase p : sandbox.purchases(secret)) transactions.add(p.transactionId());
    assertSameOnes("purchases in Kit, once each", activity.expectedTransactions(), transactions);
    Map<String, String> wrongTags = new TreeMap<String, String>();
    for (Map.Entry<String, Set<String>> e : activity.expectedTags().entrySet()) {
      Set<String> inKit = new TreeSet<String>(sandbox.subscriberTags(secret, e.getKey()));
      if (!inKit.equals(e.getValue())) {
        wrongTags.put(e.getKey(), "expected " + e.getValue() + ", Kit has " + inKit);
      }
    }
    assertEquals(Collections.emptyMap(), wrongTags, "subscribers whose tags in Kit are wrong");
    assertTrue(activity.expectedTags().size() > 40, "customers and prospects were tagged");
    assertEquals(
        activity.expectedKitWrites(),
        sandbox.requestCount() - requestsBefore,
        "Kit requests since the connect: one write per delivered write, nothing else");
  }

  /** Fails naming only what is missing from {@code actual} and what it holds beyond. */
  private static void assertSameOnes(String what, List<String> expected, List<String> actual) {
    List<String> missing = new ArrayList<String>(expected);
    List<String> extra = new ArrayList<String>();
    for (String a : actual) if (!missing.remove(a)) extra.add(a);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      fail(what + ": missing " + missing + ", more than expected " + extra);
    }
  }

  private void retentionDeletedTheOldAndKeptTheNew() {
    assertNotNull(firstPurge, "retention purged during the run");
    assertTrue(firstPurge.isBefore(START.plus(RUN)), "retention purged before the last step");
    long cutoff = clock.millis() - RETENTION.toMillis();
    Set<String> stored = new HashSet<String>();
    new Jpa(node.emf)
        .tx(
            em -> {
              for (Object k :
                  em.createNativeQuery("select EVENT_KEY from CK_EVENT").getResultList()) {
                stored.add((String) k);
              }
              return null;
            });
    List<String> keptTooLong = new ArrayList<String>();
    List<String> lostTooSoon = new ArrayList<String>();
    int old = 0;
    for (Map.Entry<String, Long> e : ledger.eventsSeen().entrySet()) {
      boolean isOld = e.getValue() < cutoff;
      if (isOld) old++;
      if (isOld && stored.contains(e.getKey())) keptTooLong.add(e.getKey());
      if (!isOld && !stored.contains(e.getKey())) lostTooSoon.add(e.getKey());
    }
    assertEquals(Collections.emptyList(), keptTooLong, "events older than the retention age");
    assertEquals(Collections.emptyList(), lostTooSoon, "events younger than the retention age");
    assertEquals(old, purged, "every old event was purged once");
    assertTrue(old > 0 && !stored.isEmpty(), "the run has old events and young ones");
  }
}

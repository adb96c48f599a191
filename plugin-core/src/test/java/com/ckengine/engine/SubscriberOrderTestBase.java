package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 5: one subscriber's actions reach Kit in the order they were planned, through
 * retries. A later action of a subscriber (email, case ignored) waits while an earlier one of the
 * same integration is still open: retrying, claimed by a worker, or pending. Other subscribers are
 * not held back. Subclasses pick the database.
 */
abstract class SubscriberOrderTestBase {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  String secret;
  IntegrationEngine engine;
  long integration;

  abstract EntityManagerFactory database();

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    emf = database();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .noRateLimit()
                    .build())
            .secretKey(KEY)
            .nodeId("a")
            .pollInterval(Duration.ofMillis(100))
            // Long enough for the other subscriber's delivery to happen while Ann's waits.
            .retryBaseDelay(Duration.ofSeconds(3))
            .retryMaxDelay(Duration.ofSeconds(3))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .build();
    integration = engine.integrations().connect("Main", secret).id();
    sandbox.createTag(secret, "vip");
    engine.integrations().refreshTags(integration);
    rule(Trigger.PRODUCT_PURCHASED, ActionType.ADD_TAG);
    rule(Trigger.PRODUCT_REFUNDED, ActionType.REMOVE_TAG);
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  private void rule(Trigger t, ActionType a) {
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(t)
                .integrationId(integration)
                .action(a)
                .addTag(RuleTag.of("vip", sandbox.tagId(secret, "vip")))
                .build());
  }

  LogEntry entry(String reference, Trigger trigger) {
    for (LogEntry e :
        engine
            .log()
            .search(LogQuery.builder().reference(reference).trigger(trigger).build())
            .entries()) {
      return e;
    }
    throw new AssertionError("no entry for " + reference + " " + trigger);
  }

  @Test
  void aRefundsRemoveTagWaitsForItsPurchasesAddTagThatKitAnswered503() {
    engine.publisher().publish(purchase("A1", "ann@example.com", 1));
    engine.publisher().publish(DeliveryPromiseTestBase.refundFor("A1", "Ann@Example.COM"));
    sandbox.failNext(1, 503); // Ann's Add Tag, the first call
    engine.start();
    await(
        "Ann's Add Tag retrying",
        () -> entry("A1", Trigger.PRODUCT_PURCHASED).status() == ActionStatus.RETRYING);
    engine.publisher().publish(purchase("B1", "bob@example.com", 1));
    await(
        "everything delivered",
        () ->
            !entry("A1", Trigger.PRODUCT_PURCHASED).status().isOpen()
                && !entry("A1", Trigger.PRODUCT_REFUNDED).status().isOpen()
                && !entry("B1", Trigger.PRODUCT_PURCHASED).status().isOpen());
    LogEntry add = entry("A1", Trigger.PRODUCT_PURCHASED);
    LogEntry remove = entry("A1", Trigger.PRODUCT_REFUNDED);
    LogEntry bob = entry("B1", Trigger.PRODUCT_PURCHASED);
    assertEquals(ActionStatus.DELIVERED, add.status(), add.toString());
    assertEquals(2, add.attempts(), add.toString());
    assertEquals(ActionStatus.DELIVERED, remove.status(), remove.toString());
    assertFalse(
        remove.finishedAt().isBefore(add.finishedAt()),
        "the Remove Tag went after the Add Tag: " + add + " / " + remove);
    assertTrue(sandbox.subscriberTags(secret, "ann@example.com").isEmpty(), "Ann ends untagged");
    assertEquals(ActionStatus.DELIVERED, bob.status(), bob.toString());
    assertTrue(
        bob.finishedAt().isBefore(add.finishedAt()),
        "Bob was not held back by Ann's retry: " + bob + " / " + add);
  }

  @Test
  void anEarlierActionClaimedOrRetryingHoldsBackOnlyItsSubscriber() {
    engine.publisher().publish(purchase("A2", "ann@example.com", 1));
    engine.publisher().publish(DeliveryPromiseTestBase.refundFor("A2", "ANN@example.com"));
    engine.publisher().publish(purchase("B2", "bob@example.com", 1));
    long add = entry("A2", Trigger.PRODUCT_PURCHASED).actionId();
    long remove = entry("A2", Trigger.PRODUCT_REFUNDED).actionId();
    long bob = entry("B2", Trigger.PRODUCT_PURCHASED).actionId();
    ActionStore store = new ActionStore(new Jpa(emf));
    long now = System.currentTimeMillis() + 1000; // every action due
    // Ann's two actions are due and free: one batch, her lane delivers them in planned order.
    assertEquals(ids(add, remove, bob), ids(store.dueActions(integration, now, 50)));

    Claim other = store.claim(add, now, now + 60_000); // a worker elsewhere has Ann's Add Tag
    assertNotNull(other);
    assertEquals(ids(bob), ids(store.dueActions(integration, now, 50)));
    assertNull(store.claim(remove, now, now + 60_000), "Ann's Remove Tag waits for the claim");

    store.release(other); // handed back: pending, first again
    assertEquals(ids(add, remove, bob), ids(store.dueActions(integration, now, 50)));
    assertNull(store.claim(remove, now, now + 60_000), "and still ahead of the Remove Tag");

    Claim retrying = store.claim(add, now, now + 60_000); // Kit answers 503: due again later
    assertTrue(
        store.complete(
            retrying,
            new ActionStore.Completion(
                ActionStatus.RETRYING, now + 30_000, 503, "SERVER_ERROR", null, false, null, null),
            now));
    assertEquals(ids(bob), ids(store.dueActions(integration, now, 50)));
    assertNull(store.claim(remove, now, now + 60_000), "the Remove Tag waits for the retry");

    long later = now + 31_000;
    assertEquals(ids(add, remove, bob), ids(store.dueActions(integration, later, 50)));
    Claim again = store.claim(add, later, later + 60_000);
    assertTrue(
        store.complete(
            again,
            new ActionStore.Completion(
                ActionStatus.DELIVERED, later, 200, "tagged", null, false, null, null),
            later));
    assertEquals(ids(remove, bob), ids(store.dueActions(integration, later, 50)));
    assertNotNull(store.claim(remove, later, later + 60_000), "its turn now");
  }

  private static List<Long> ids(long... ids) {
    List<Long> out = new ArrayList<Long>();
    for (long id : ids) out.add(id);
    return out;
  }

  private static List<Long> ids(List<ActionStore.DueAction> due) {
    List<Long> out = new ArrayList<Long>();
    for (ActionStore.DueAction d : due) out.add(d.id);
    return out;
  }
}

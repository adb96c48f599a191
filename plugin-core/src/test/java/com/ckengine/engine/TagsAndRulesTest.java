package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tags and rules are read no more often than needed and never stale: a tag Kit lacks is looked up
 * once for many removals, and a rule changed on another node is seen even when counts and times
 * look unchanged.
 */
class TagsAndRulesTest extends DeliveryPromiseTestBase {
  @Test
  void removingATagKitDoesNotHaveDoesNotRelistTheTagsEveryTime() {
    IntegrationEngine e = engine(engineBuilder(client(), "a"));
    long integration = connect(e);
    e.rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_REFUNDED)
                .integrationId(integration)
                .action(ActionType.REMOVE_TAG)
                .addTag("never-existed")
                .build());
    e.start();
    long before = sandbox.requestCount();
    for (int i = 0; i < 3; i++) {
      String ref = "N" + i;
      e.publisher().publish(refund(ref));
      await("removal " + i, () -> finalIn(e, ref));
      assertEquals(ActionStatus.SKIPPED, log(e, ref).get(0).status());
    }
    assertEquals(1, sandbox.requestCount() - before, "one look-up of the tags for three events");
  }

  @Test
  void ruleChangesMadeOnAnotherNodeAreSeenEvenWithEqualCountsAndTimes() {
    IntegrationEngine a =
        engine(engineBuilder(client(), "a").ruleRefreshInterval(Duration.ofMillis(1)));
    IntegrationEngine b = engine(engineBuilder(client(), "b"));
    long integration = connect(a);
    RuleDefinition older = b.rules().create(tagRule(integration, "customer"));
    b.rules().create(tagRule(integration, "buyer"));
    assertEquals(1, a.publisher().publish(purchase("V1", "v@example.com", 1)).plannedActions());
    // Node b, whose clock runs an hour behind, disables the older rule: the number of rules and
    // their latest change time stay as they were, only the change counter moves.
    b.rules().update(older.toBuilder().enabled(false).build());
    new Jpa(emf)
        .tx(
            em ->
                em.createQuery("update RuleEntity r set r.updatedAt = :t where r.id = :id")
                    .setParameter("t", new java.util.Date(System.currentTimeMillis() - 3_600_000))
                    .setParameter("id", older.id())
                    .executeUpdate());
    StoreEvent second = purchase("V2", "v@example.com", 1);
    a.publisher().publish(second);
    List<LogEntry> planned = log(a, "V2");
    assertEquals(1, planned.size());
    assertEquals("buyer", planned.get(0).tags(), "the rule disabled on node b is seen on node a");
  }

  RuleDefinition tagRule(long integration, String tag) {
    return RuleDefinition.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .integrationId(integration)
        .action(ActionType.ADD_TAG)
        .global()
        .addTag(tag)
        .build();
  }
}

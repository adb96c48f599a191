package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 6: an action that failed on a tag deleted in Kit, retried after the operator
 * re-created the tag and refreshed the tags, uses the tag's id of today (found by its name), not
 * the frozen id of the deleted one; retried after the operator fixed the rule instead (another tag
 * picked), it sends the rule's tags of today.
 */
class RetryUsesTodaysTagsTest extends DeliveryPromiseTestBase {
  @Test
  void aRetryAfterTheTagWasRecreatedAndRefreshedTagsWithTheNewId() {
    long old = sandbox.createTag(secret, "vip");
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = connect(engine);
    PurchaseRules.addTag(engine, integration, RuleTag.of("vip", old)); // picked from the account
    sandbox.deleteTag(secret, old);
    engine.start();
    engine.publisher().publish(purchase("T1", "tia@example.com", 1));
    long id = log(engine, "T1").get(0).actionId();
    await("the failure", () -> engine.log().entry(id).status() == ActionStatus.FAILED);
    assertEquals(404, (int) engine.log().entry(id).httpStatus());

    // The operator re-creates the tag in Kit, refreshes the tags, and retries.
    long recreated = sandbox.createTag(secret, "vip");
    assertNotEquals(old, recreated);
    engine.integrations().refreshTags(integration);
    assertTrue(engine.logActions().retry(id));
    await("the retry", () -> !engine.log().entry(id).status().isOpen());
    LogEntry e = engine.log().entry(id);
    assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    assertEquals(Arrays.asList("vip"), sandbox.subscriberTags(secret, "tia@example.com"));
  }

  @Test
  void aRetryAfterTheOperatorFixedTheRuleSendsTheRulesTagsOfToday() {
    long deleted = sandbox.createTag(secret, "vip");
    long other = sandbox.createTag(secret, "member");
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = connect(engine);
    RuleDefinition rule = PurchaseRules.addTag(engine, integration, RuleTag.of("vip", deleted));
    sandbox.deleteTag(secret, deleted);
    engine.start();
    engine.publisher().publish(purchase("T2", "uma@example.com", 1));
    long id = log(engine, "T2").get(0).actionId();
    await("the failure", () -> engine.log().entry(id).status() == ActionStatus.FAILED);

    // The operator fixes the rule: the deleted tag is replaced by another one of the account.
    engine
        .rules()
        .update(rule.toBuilder().tags(Arrays.asList(RuleTag.of("member", other))).build());
    assertTrue(engine.logActions().retry(id));
    await("the retry", () -> !engine.log().entry(id).status().isOpen());
    LogEntry e = engine.log().entry(id);
    assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    assertEquals(Arrays.asList("member"), sandbox.subscriberTags(secret, "uma@example.com"));
    assertEquals("member", e.tags(), "the entry shows what was sent");
  }
}

package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.Arrays;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 6: an action that failed on a tag deleted in Kit, retried after the operator
 * re-created the tag and refreshed the tags, uses the tag's id of today (found by its name), not
 * the frozen id of the deleted one; retried after the operator fixed the rule instead (another tag
 * picked), it sends the rule's tags of today.
 */
class RetryUsesTodaysTagsTest {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  IntegrationEngine engine;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    emf = TestDatabases.hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(sandbox.baseUrl()).noRateLimit().build())
            .secretKey(KEY)
            .pollInterval(Duration.ofMillis(100))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
    sandbox.close();
  }

  @Test
  void aRetryAfterTheTagWasRecreatedAndRefreshedTagsWithTheNewId() {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long old = sandbox.createTag(secret, "vip");
    long integration = engine.integrations().connect("Main", secret).id();
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_TAG)
                .addTag(RuleTag.of("vip", old)) // picked from the account's tags
                .build());
    sandbox.deleteTag(secret, old);
    engine.start();
    engine.publisher().publish(purchase("T1", "tia@example.com", 1));
    long id =
        engine.log().search(LogQuery.builder().reference("T1").build()).entries().get(0).actionId();
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
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long deleted = sandbox.createTag(secret, "vip");
    long other = sandbox.createTag(secret, "member");
    long integration = engine.integrations().connect("Main", secret).id();
    RuleDefinition rule =
        engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(integration)
                    .action(ActionType.ADD_TAG)
                    .addTag(RuleTag.of("vip", deleted))
                    .build());
    sandbox.deleteTag(secret, deleted);
    engine.start();
    engine.publisher().publish(purchase("T2", "uma@example.com", 1));
    long id =
        engine.log().search(LogQuery.builder().reference("T2").build()).entries().get(0).actionId();
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

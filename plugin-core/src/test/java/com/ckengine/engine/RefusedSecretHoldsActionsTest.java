package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
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
 * Issue 15, point 6: a 401 holds the action that met it, like the integration's other actions,
 * until the operator replaces the secret; it does not FAIL it (the operator would have to find and
 * retry each one by hand).
 */
class RefusedSecretHoldsActionsTest {
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
  void theActionThatMetA401IsHeldAndDeliveredOnceTheSecretIsReplaced() throws Exception {
    String secret = sandbox.createAccount("Shop", "owner@shop.example");
    long integration = engine.integrations().connect("Main", secret).id();
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_TAG)
                .addTag("customer")
                .build());
    String fresh = sandbox.rotateSecret(secret); // the stored secret is refused from now on
    engine.start();
    engine.publisher().publish(purchase("H1", "hana@example.com", 1));
    await(
        "the integration waiting on the operator",
        () -> engine.integrations().get(integration).status() == IntegrationStatus.NEEDS_ATTENTION);
    long requests = sandbox.requestCount();
    Thread.sleep(600);
    assertEquals(requests, sandbox.requestCount(), "no call with a secret Kit refused");
    LogEntry held =
        engine.log().search(LogQuery.builder().reference("H1").build()).entries().get(0);
    assertTrue(held.status().isOpen(), "held, not FAILED: " + held);
    assertEquals(401, held.httpStatus(), held.toString());
    assertEquals(1, held.attempts(), held.toString());
    assertTrue(
        held.message().contains("sent once the secret is replaced"),
        "the entry says what it waits for: " + held);

    engine.integrations().replaceSecret(integration, fresh);
    await(
        "delivered without a retry by hand",
        () -> engine.log().entry(held.actionId()).status() == ActionStatus.DELIVERED);
    assertEquals(Arrays.asList("customer"), sandbox.subscriberTags(fresh, "hana@example.com"));
  }
}

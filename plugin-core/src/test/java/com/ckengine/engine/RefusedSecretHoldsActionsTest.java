package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, point 6: a 401 holds the action that met it, like the integration's other actions,
 * until the operator replaces the secret; it does not FAIL it (the operator would have to find and
 * retry each one by hand).
 */
class RefusedSecretHoldsActionsTest extends DeliveryPromiseTestBase {
  @Test
  void theActionThatMetA401IsHeldAndDeliveredOnceTheSecretIsReplaced() throws Exception {
    IntegrationEngine engine = engine(engineBuilder(client(), "node-a"));
    long integration = connect(engine);
    PurchaseRules.addTag(engine, integration, "customer");
    String fresh = sandbox.rotateSecret(secret); // the stored secret is refused from now on
    engine.start();
    engine.publisher().publish(purchase("H1", "hana@example.com", 1));
    await(
        "the integration waiting on the operator",
        () -> engine.integrations().get(integration).status() == IntegrationStatus.NEEDS_ATTENTION);
    long requests = sandbox.requestCount();
    Thread.sleep(600);
    assertEquals(requests, sandbox.requestCount(), "no call with a secret Kit refused");
    LogEntry held = log(engine, "H1").get(0);
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

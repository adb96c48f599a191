package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Add Subscriber To Form and Add Subscriber To Sequence against the sandbox, connected with a v4
 * API key (the sandbox's v3 side has no forms yet): the customer is subscribed, with first name, to
 * the form and the sequence the rules name, two rules naming one form are one action, the log names
 * the form or sequence, and a form Kit no longer has fails with Kit's answer, not retried.
 */
class FormAndSequenceDeliveryTest {
  private KitSandbox sandbox;
  private EntityManagerFactory emf;
  private IntegrationEngine engine;
  private String secret;
  private long integrationId;

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).build();
    sandbox.start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    emf = TestDatabases.hsqldb();
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(
                KitClient.builder()
                    .baseUrl(sandbox.baseUrl())
                    .v4BaseUrl(sandbox.v4BaseUrl())
                    .build())
            .secretKey(SecretCipher.generateKey())
            .pollInterval(Duration.ofMillis(100))
            .build();
    integrationId = engine.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void theCustomerIsSubscribedToTheFormAndTheSequenceAndTheLogNamesThem() {
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    long sequence = sandbox.createSequence(secret, "Welcome series");
    rule(ActionType.ADD_TO_FORM, 5L, RuleTarget.of(form, "Newsletter sign-up"));
    rule(ActionType.ADD_TO_FORM, null, RuleTarget.of(form, "Newsletter sign-up"));
    rule(ActionType.ADD_TO_SEQUENCE, null, RuleTarget.of(sequence, "Welcome series"));
    engine.start();

    engine.publisher().publish(DeliveryTestBase.purchase("2001", "ann@example.com", 5));

    DeliveryTestBase.await("both delivered", () -> delivered("2001", 2));
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", form));
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", sequence));
    List<LogEntry> log = entries("2001");
    assertEquals(2, log.size(), "two rules naming one form are one action: " + log);
    LogEntry toForm =
        log.stream().filter(e -> e.action() == ActionType.ADD_TO_FORM).findFirst().get();
    assertEquals("Newsletter sign-up", toForm.target());
    assertEquals(
        "Subscribe ann@example.com (with first name) to the form Newsletter sign-up",
        toForm.sent());
    assertEquals("product 5, global", toForm.ruleScope());
    LogEntry toSequence =
        log.stream().filter(e -> e.action() == ActionType.ADD_TO_SEQUENCE).findFirst().get();
    assertEquals("Welcome series", toSequence.target());
  }

  @Test
  void aFormKitNoLongerHasFailsWithKitsAnswer() {
    rule(ActionType.ADD_TO_FORM, null, RuleTarget.of(987654, "Deleted form"));
    engine.start();

    engine.publisher().publish(DeliveryTestBase.purchase("2002", "bob@example.com", 5));

    DeliveryTestBase.await(
        "failed",
        () -> !entries("2002").isEmpty() && entries("2002").get(0).status() == ActionStatus.FAILED);
    LogEntry failed = entries("2002").get(0);
    assertEquals(1, failed.attempts(), "not retried: " + failed);
    assertEquals(Integer.valueOf(404), failed.httpStatus());
    assertTrue(failed.message().startsWith("NOT_FOUND"), failed.message());
  }

  private void rule(ActionType action, Long product, RuleTarget target) {
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integrationId)
                .action(action)
                .target(target)
                .productId(product)
                .build());
  }

  private boolean delivered(String reference, int n) {
    List<LogEntry> l = entries(reference);
    return l.size() == n && l.stream().allMatch(e -> e.status() == ActionStatus.DELIVERED);
  }

  private List<LogEntry> entries(String reference) {
    return engine.log().search(LogQuery.builder().reference(reference).build()).entries();
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
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
 * The registry's promise: a new action kind is one class ({@link AddNoteKind}, in the test sources)
 * and its tests. Once registered, a rule of it is accepted, offered for every trigger, planned (two
 * rules of one event coalesced into one action), delivered and described in the log, beside the
 * built-in kinds, with no other file knowing it.
 */
class AddNoteKindTest {
  private KitSandbox sandbox;
  private EntityManagerFactory emf;
  private IntegrationEngine engine;
  private long integrationId;
  private String secret;

  @BeforeEach
  void setUp() {
    AddNoteKind.register();
    AddNoteKind.NOTEBOOK.clear();
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
    integrationId = engine.integrations().connect("Main", secret).id();
  }

  @AfterEach
  void tearDown() {
    if (engine != null) engine.close();
    if (emf != null) emf.close();
    if (sandbox != null) sandbox.close();
  }

  @Test
  void aKindRegisteredByOneClassIsPlannedDeliveredAndDescribedInTheLog() {
    for (Trigger t : Trigger.values()) assertTrue(t.allows(AddNoteKind.ADD_NOTE), t.name());
    assertSame(AddNoteKind.ADD_NOTE, ActionType.valueOf("ADD_NOTE"));
    note(5L);
    note(null); // a second rule of the same event: coalesced into the one note
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integrationId)
                .action(ActionType.ADD_TAG)
                .addTag("buyer")
                .build());
    engine.start();

    engine.publisher().publish(DeliveryTestBase.purchase("1001", "ann@example.com", 5));

    DeliveryTestBase.await(
        "both actions delivered",
        () ->
            entries().size() == 2
                && entries().stream().allMatch(e -> e.status() == ActionStatus.DELIVERED));
    assertEquals(List.of("ann@example.com: bought on order 1001"), AddNoteKind.NOTEBOOK);
    LogEntry note =
        entries().stream().filter(e -> e.action() == AddNoteKind.ADD_NOTE).findFirst().get();
    assertEquals("Note on ann@example.com: bought on order 1001", note.sent());
    assertEquals("product 5, global", note.ruleScope());
    assertEquals("noted", note.message());
    assertEquals(List.of("buyer"), sandbox.subscriberTags(secret, "ann@example.com"));
  }

  private void note(Long product) {
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integrationId)
                .action(AddNoteKind.ADD_NOTE)
                .productId(product)
                .build());
  }

  private List<LogEntry> entries() {
    return engine.log().search(LogQuery.builder().reference("1001").build()).entries();
  }
}

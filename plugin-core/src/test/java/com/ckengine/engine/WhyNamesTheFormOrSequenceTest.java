package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import java.math.BigDecimal;
import java.time.Instant;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Logs' "Why?" names the form or sequence of an Add Subscriber To Form / To Sequence rule where a
 * tag rule shows its tags: without it, two form rules of one trigger read alike and the operator
 * cannot tell which one subscribed the customer (seen in NewTriggersAndActionsBrowserTest).
 */
class WhyNamesTheFormOrSequenceTest {
  private EntityManagerFactory emf;
  private IntegrationEngine engine;
  private long main;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    engine = OfflineEngine.builder(emf).build();
    main = OfflineEngine.insertIntegration(emf);
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void eachRuleLineNamesItsFormOrSequence() {
    RuleDefinition form =
        rule(ActionType.ADD_TO_FORM, null, RuleTarget.of(5, "Newsletter sign-up"));
    RuleDefinition sequence =
        rule(ActionType.ADD_TO_SEQUENCE, 9L, RuleTarget.of(6, "Welcome series"));
    engine
        .publisher()
        .publish(
            StoreEvent.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .occurredAt(Instant.now())
                .email("ann@example.com")
                .reference("1001")
                .eventKey("order:1001:purchased")
                .currency("USD")
                .addLine(
                    EventLine.builder()
                        .productId(7)
                        .name("Course")
                        .quantity(1)
                        .unitPrice(new BigDecimal("10.00"))
                        .build())
                .build());

    EventExplanation e = engine.explainer().explain("ann@example.com").events().get(0);
    assertEquals(
        "Product Purchased, Main: Add Subscriber To Form \"Newsletter sign-up\" (every product)",
        verdict(e, form.id()).rule());
    assertEquals(
        "Product Purchased, Main: Add Subscriber To Sequence \"Welcome series\" (product 9)",
        verdict(e, sequence.id()).rule());
  }

  private RuleDefinition rule(ActionType action, Long product, RuleTarget target) {
    RuleDefinition.Builder b =
        RuleDefinition.builder()
            .trigger(Trigger.PRODUCT_PURCHASED)
            .integrationId(main)
            .action(action)
            .target(target);
    return engine.rules().create((product == null ? b.global() : b.productId(product)).build());
  }

  private static RuleVerdict verdict(EventExplanation e, long ruleId) {
    for (RuleVerdict v : e.rules()) if (Long.valueOf(ruleId).equals(v.ruleId())) return v;
    throw new AssertionError("no verdict for rule " + ruleId + " in " + e.rules());
  }
}

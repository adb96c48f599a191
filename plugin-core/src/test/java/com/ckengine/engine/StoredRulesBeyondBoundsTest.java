package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rule saved before a bound existed (more than {@link RuleDefinition#MAX_TAGS} tags, a tag name
 * with a tab: written straight into {@code CK_RULE}/{@code CK_RULE_TAG}) keeps working as it was
 * saved: loading the rules does not throw, publishing goes on and plans its tags, and the rule says
 * what it breaks. The bounds apply again when it is edited. A stored rule that cannot be evaluated
 * at all is left out, and the other rules go on working.
 */
class StoredRulesBeyondBoundsTest {
  static final long SIXTY_TAGS = 900001;
  static final long TAB_TAG = 900002;

  EntityManagerFactory emf;
  IntegrationEngine engine;
  long integration;

  @BeforeEach
  void setUp() {
    emf = TestDatabases.hsqldb();
    integration = OfflineEngine.insertIntegration(emf);
    storedRule(SIXTY_TAGS, "PRODUCT_PURCHASED", "ADD_TAG");
    for (int i = 0; i < 60; i++) storedTag(SIXTY_TAGS, i, "old-tag-" + i);
    storedRule(TAB_TAG, "PRODUCT_PURCHASED", "REMOVE_TAG");
    storedTag(TAB_TAG, 0, "lead\tcold");
    engine = OfflineEngine.builder(emf).build();
  }

  @AfterEach
  void tearDown() {
    engine.close();
    emf.close();
  }

  @Test
  void aRuleSavedBeforeTheBoundsLoadsAndKeepsWorking() {
    List<RuleDefinition> rules = engine.rules().list();
    assertEquals(2, rules.size(), rules.toString());
    RuleDefinition sixty = engine.rules().get(SIXTY_TAGS);
    assertEquals(60, sixty.tags().size(), "every tag as saved");
    assertTrue(sixty.boundsProblems().get(0).contains("at most 50 tags"), sixty.toString());
    RuleDefinition tab = engine.rules().get(TAB_TAG);
    assertEquals("lead\tcold", tab.tags().get(0).name());
    assertTrue(tab.boundsProblems().get(0).contains("control character"), tab.toString());

    PublishResult r = engine.publisher().publish(DeliveryTestBase.purchase("1001", "a@b.co", 7));
    assertTrue(r.isAccepted(), "publishing goes on");
    assertEquals(2, r.plannedActions(), "the Add Tag and the Remove Tag");
    assertEquals(
        1,
        TestDatabases.countLog(engine, LogQuery.builder().tag("old-tag-59")),
        "the last of the 60 tags is planned");
  }

  @Test
  void editingTheRuleAppliesTheBounds() {
    RuleDefinition sixty = engine.rules().get(SIXTY_TAGS);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sixty.toBuilder().build());
    assertTrue(e.getMessage().contains("at most 50 tags"), e.getMessage());
    RuleDefinition.Builder fixed = sixty.toBuilder().tags(sixty.tags().subList(0, 50));
    assertEquals(50, engine.rules().update(fixed.build()).tags().size());
    assertTrue(engine.rules().get(SIXTY_TAGS).boundsProblems().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> RuleTag.of("lead\tcold", null));
  }

  @Test
  void aStoredRuleThatCannotBeEvaluatedIsLeftOutAndTheOthersWork() {
    // Add Purchase on a refund (no money taken) is refused when a rule is built; one stored anyway.
    storedRule(900003, "PRODUCT_REFUNDED", "ADD_PURCHASE");
    List<RuleDefinition> rules = engine.rules().list();
    assertEquals(2, rules.size(), rules.toString());
    assertTrue(
        engine.publisher().publish(DeliveryTestBase.purchase("1002", "a@b.co", 7)).isAccepted());
  }

  private void storedRule(long id, String trigger, String action) {
    sql(
        "INSERT INTO CK_RULE (ID, TRIGGER_TYPE, INTEGRATION_ID, ACTION_TYPE, PRODUCT_ID, ENABLED,"
            + " UPDATED_AT) VALUES ("
            + id
            + ", '"
            + trigger
            + "', "
            + integration
            + ", '"
            + action
            + "', NULL, TRUE, CURRENT_TIMESTAMP)");
  }

  private void storedTag(long rule, int position, String name) {
    sql(
        "INSERT INTO CK_RULE_TAG (ID, RULE_ID, POSITION, TAG_NAME, KIT_TAG_ID, UPDATED_AT) VALUES ("
            + (rule * 100 + position)
            + ", "
            + rule
            + ", "
            + position
            + ", '"
            + name.replace("'", "''")
            + "', NULL, CURRENT_TIMESTAMP)");
  }

  private void sql(String statement) {
    TestDatabases.execute(emf, statement);
  }
}

package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntegrationSetupTest {
  TestEngine t;
  IntegrationSetup setup;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    setup = new IntegrationSetup(t.engine);
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  static IntegrationForm form(String label, String secret) {
    IntegrationForm f = new IntegrationForm();
    f.setLabel(label);
    f.setApiSecret(secret);
    return f;
  }

  @Test
  void aWrongSecretIsReportedOnTheSecretFieldAndNothingIsStored() {
    IntegrationForm f = form("Main", "not-the-secret");
    Result<Integration> r = setup.connect(f);
    assertFalse(r.isOk());
    assertTrue(r.errors().has("apiSecret"), r.errors().toString());
    assertFalse(r.errors().has("label"));
    assertTrue(r.errors().get("apiSecret").startsWith("Kit did not accept this credential"));
    assertFalse(r.errors().get("apiSecret").contains("not-the-secret"), "never the secret");
    assertTrue(setup.rows().isEmpty());

    IntegrationForm again = f.withoutSecret();
    assertEquals("Main", again.getLabel(), "the form keeps the label");
    assertNull(again.getApiSecret(), "and empties the secret");
    assertFalse(f.toString().contains("not-the-secret"));
  }

  @Test
  void labelsMustBeGivenShortAndUnique() {
    assertTrue(setup.connect(form("  ", t.secret)).errors().has("label"));
    assertTrue(setup.connect(form(repeat('x', 101), t.secret)).errors().has("label"));
    Result<Integration> blank = setup.connect(form("Main", " "));
    assertTrue(blank.errors().has("apiSecret"));

    Result<Integration> ok = setup.connect(form(" Main ", t.secret));
    assertTrue(ok.isOk(), ok.errors().toString());
    assertEquals("Main", ok.value().label());
    Result<Integration> dup = setup.connect(form("MAIN", t.secret));
    assertTrue(dup.errors().has("label"), "labels are unique, case ignored");
    assertEquals(1, setup.rows().size());

    IntegrationRow row = setup.rows().get(0);
    assertEquals("ConvertKit", row.getProvider());
    assertEquals("Demo Store", row.getAccountName());
    assertEquals("Connected", row.getStatus());
    assertEquals(2, row.getTagCount());
    assertTrue(row.getTagsRefreshedAt().endsWith("UTC"));

    assertTrue(setup.rename(row.getId(), "Newsletter").isOk());
    assertTrue(setup.rename(row.getId(), "newsletter").isOk(), "its own label, other case");
    // One Kit account is connected once: the second integration is another account.
    Result<Integration> second =
        setup.connect(form("Other", t.sandbox.createAccount("Other shop", "other@shop.example")));
    assertTrue(setup.rename(second.value().id(), "Newsletter").errors().has("label"));
  }

  @Test
  void refreshSaysHowManyTagsAndARefusedSecretNeedsAttention() {
    long id = setup.connect(form("Main", t.secret)).value().id();
    t.sandbox.createTag(t.secret, "new-tag");
    Result<String> r = setup.refreshTags(id);
    assertEquals(
        "Refreshed the tags of 'Main': 3 tags, 0 forms, 0 sequences and 0 custom fields in the Kit account",
        r.value());

    t.sandbox.rejectSecret(t.secret);
    Result<String> refused = setup.refreshTags(id);
    assertFalse(refused.isOk());
    IntegrationRow row = setup.row(id);
    assertTrue(row.isNeedsAttention());
    assertEquals("Needs attention", row.getStatus());

    Result<Integration> wrong = setup.replaceSecret(id, "still-wrong");
    assertTrue(wrong.errors().has("apiSecret"));
  }

  @Test
  void deleteKeepsTheRulesThatUsedItDisabled() {
    long id = setup.connect(form("Main", t.secret)).value().id();
    RuleDefinition global =
        t.engine
            .rules()
            .create(
                RuleDefinition.builder()
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .integrationId(id)
                    .action(ActionType.ADD_TAG)
                    .addTag("buyer")
                    .build());
    t.engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_REFUNDED)
                .integrationId(id)
                .action(ActionType.REMOVE_TAG)
                .addTag("buyer")
                .productId(101L)
                .build());
    assertEquals(2, setup.rulesUsing(id).size(), "the confirmation names both rules");
    assertEquals(2, setup.row(id).getRuleCount());

    assertEquals(2, setup.delete(id));
    assertTrue(setup.rows().isEmpty());
    RuleRow kept = new GlobalRules(t.engine).row(global.id());
    assertFalse(kept.isEnabled());
    assertTrue(kept.isIntegrationDeleted());
    assertEquals("Disabled: its integration was deleted", kept.getState());
    assertTrue(kept.getIntegration().startsWith("(deleted integration #"));
    assertEquals(1, new ProductRules(t.engine, 101L).rows().size());
    assertFalse(new ProductRules(t.engine, 101L).rows().get(0).isEnabled());
    assertTrue(
        new GlobalRules(t.engine).setEnabled(global.id(), true).contains("was deleted"),
        "a rule without its integration cannot be switched on");
  }

  private static String repeat(char c, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) b.append(c);
    return b.toString();
  }
}

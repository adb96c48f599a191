package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.screens.RuleSteps.Move;
import com.ckengine.engine.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rule saved before today's bounds (60 tags, written straight into the tables) is listed with a
 * note saying what it breaks and that it keeps working; saving an edit of it asks for the bounds
 * beside the field.
 */
class StoredRuleBoundsNoteTest {
  static final long RULE = 900001;

  TestEngine t;
  Integration main;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    main = t.connectMain();
    t.sql(
        "INSERT INTO CK_RULE (ID, TRIGGER_TYPE, INTEGRATION_ID, ACTION_TYPE, PRODUCT_ID, ENABLED,"
            + " UPDATED_AT) VALUES ("
            + RULE
            + ", 'PRODUCT_PURCHASED', "
            + main.id()
            + ", 'ADD_TAG', NULL, TRUE, CURRENT_TIMESTAMP)");
    for (int i = 0; i < 60; i++) {
      t.sql(
          "INSERT INTO CK_RULE_TAG (ID, RULE_ID, POSITION, TAG_NAME, KIT_TAG_ID, UPDATED_AT)"
              + " VALUES ("
              + (RULE * 100 + i)
              + ", "
              + RULE
              + ", "
              + i
              + ", 'old-tag-"
              + i
              + "', NULL, CURRENT_TIMESTAMP)");
    }
  }

  @AfterEach
  void tearDown() {
    t.close();
  }

  @Test
  void theRuleIsListedWithANoteAndAnEditAsksForTheBounds() {
    RuleRow row = new GlobalRules(t.engine).row(RULE);
    assertTrue(
        row.getBoundsNote().contains("at most 50 tags; this one has 60"), row.getBoundsNote());
    assertTrue(row.getBoundsNote().contains("keeps working"), row.getBoundsNote());

    RuleSteps steps = new RuleSteps(t.engine, productId -> true);
    RuleForm f = steps.edit(RULE).getForm();
    steps.post(f, Move.NEXT);
    steps.post(f, Move.NEXT);
    RuleStep s = steps.post(f, Move.SAVE);
    assertFalse(s.isSaved());
    assertTrue(
        s.getErrors().asMap().toString().contains("at most 50 tags"), s.getErrors().toString());
    assertEquals(60, t.engine.rules().get(RULE).tags().size(), "unchanged");

    String fewer = f.getNewTags().substring(0, f.getNewTags().indexOf(", old-tag-50"));
    f.setNewTags(fewer);
    assertTrue(steps.post(f, Move.SAVE).isSaved());
    assertNull(new GlobalRules(t.engine).row(RULE).getBoundsNote(), "no note once kept");
  }
}

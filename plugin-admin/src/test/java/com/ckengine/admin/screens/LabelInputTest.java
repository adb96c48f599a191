package com.ckengine.admin.screens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.admin.TestEngine;
import com.ckengine.engine.Integration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * New Integration and Rename refuse a label with a line break, NUL or another control character, or
 * an over-long one, beside the label field; nothing is stored or renamed.
 */
class LabelInputTest {
  static final String[] BAD = {
    "Main\r\n12:00:00 INFO [IntegrationSetup] forged", "Main\u0000", "Main\n", "Tab\there"
  };

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

  @Test
  void newIntegrationShowsTheProblemBesideTheLabelAndStoresNothing() {
    for (String label : BAD) {
      Result<Integration> r = setup.connect(IntegrationSetupTest.form(label, t.secret));
      assertFalse(r.isOk(), label);
      assertTrue(r.errors().get("label").contains("control character"), r.errors().toString());
      assertFalse(r.errors().has("apiSecret"), "the secret was fine");
    }
    Result<Integration> tooLong =
        setup.connect(IntegrationSetupTest.form("x".repeat(101), t.secret));
    assertEquals("The label is longer than 100 characters", tooLong.errors().get("label"));
    assertTrue(setup.rows().isEmpty(), "nothing stored");
  }

  @Test
  void renameShowsTheProblemBesideTheLabelAndKeepsTheOldLabel() {
    long id = setup.connect(IntegrationSetupTest.form("Main", t.secret)).value().id();
    for (String label : BAD) {
      Result<Integration> r = setup.rename(id, label);
      assertTrue(r.errors().get("label").contains("control character"), r.errors().toString());
    }
    assertEquals("Main", setup.row(id).getLabel());
  }
}

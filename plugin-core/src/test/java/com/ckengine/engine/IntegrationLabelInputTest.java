package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A label is plain text on one line: connect and rename refuse a label with a line break, NUL or
 * another control character (as well as an empty or over-long one) with a message that says so, and
 * store nothing.
 */
class IntegrationLabelInputTest extends DeliveryPromiseTestBase {
  static final String[] NOT_PLAIN = {
    "Main\r\n12:00:00 INFO forged line",
    "Main\nsecond",
    "Main\u0000",
    "Main\tnews",
    "Main\u001b[31m",
    "Main\u0085",
    "Main\u2028"
  };

  IntegrationEngine engine;

  @BeforeEach
  void engineOnTheSandbox() {
    engine = engine(engineBuilder(client(), "node-a"));
  }

  @Test
  void connectRefusesALabelWithControlCharactersAndStoresNothing() {
    for (String label : NOT_PLAIN) {
      IntegrationException e =
          assertThrows(
              IntegrationException.class, () -> engine.integrations().connect(label, secret));
      assertTrue(e.getMessage().contains("control character"), e.getMessage());
      assertNull(e.kitOutcome(), "refused before Kit is asked");
    }
    assertTrue(engine.integrations().list().isEmpty());
  }

  @Test
  void renameRefusesALabelWithControlCharactersAndKeepsTheOldOne() {
    long id = engine.integrations().connect("Main", secret).id();
    for (String label : NOT_PLAIN) {
      IntegrationException e =
          assertThrows(IntegrationException.class, () -> engine.integrations().rename(id, label));
      assertTrue(e.getMessage().contains("control character"), e.getMessage());
    }
    assertThrows(
        IntegrationException.class, () -> engine.integrations().rename(id, "x".repeat(101)));
    assertThrows(IntegrationException.class, () -> engine.integrations().rename(id, " "));
    assertEquals("Main", engine.integrations().get(id).label());
    // Spaces inside and around are plain text: trimmed, kept inside.
    assertEquals("Main  news", engine.integrations().rename(id, " Main  news ").label());
  }

  @Test
  void theProblemIsNamedForEachKindOfBadLabel() {
    assertEquals("Give the integration a label", IntegrationService.labelProblem("   "));
    assertEquals(
        "The label is longer than 100 characters",
        IntegrationService.labelProblem("x".repeat(101)));
    assertNull(IntegrationService.labelProblem("x".repeat(100)));
    assertNull(IntegrationService.labelProblem("Main newsletter <b>ünïcode</b>"));
  }
}

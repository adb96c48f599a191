package com.ckengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.junit.jupiter.api.Test;

class LogCaptureTest {
  private static final Log PLUGIN = LogFactory.getLog("com.ckengine.engine.Example");
  private static final Log OTHER = LogFactory.getLog("org.broadleafcommerce.Example");

  @Test
  void capturesThePluginsCommonsLoggingLinesAtDebugThroughLog4j() {
    try (LogCapture log = LogCapture.start()) {
      PLUGIN.debug("action 7 delivered");
      PLUGIN.warn("action 8 failed", new IllegalStateException("Kit said no"));
      OTHER.warn("not ours");
      assertEquals(2, log.lines().size(), log.text());
      LogCapture.Line d = log.assertLine(Level.DEBUG, "com.ckengine.engine", "action 7");
      assertEquals("com.ckengine.engine.Example", d.category);
      LogCapture.Line w = log.assertLine(Level.WARN, "com.ckengine", "failed");
      assertTrue(w.throwable.contains("Kit said no"), w.throwable);
      assertEquals(1, log.atOrAbove(Level.WARN).size());
    }
    // Closed: the configured level (log4j.properties: INFO) is back, nothing more is captured.
    assertEquals(Level.INFO, Logger.getLogger("com.ckengine").getLevel());
  }

  @Test
  void assertionsFailWhenALineHoldsWhatItMustNot() {
    // A category of its own, captured itself: its level and appender are set on it directly, so no
    // level or appender another test (or the host) left on an ancestor can decide what is kept.
    String category = "com.ckengine.testing.Probe" + System.nanoTime();
    Log plugin = LogFactory.getLog(category);
    try (LogCapture log = LogCapture.start(category)) {
      plugin.debug("subscriber ann@example.com tagged");
      log.assertNoFullEmailAtInfoOrAbove(); // DEBUG may name the subscriber
      plugin.info("secret sk_live_123456 for ann@example.com");
      assertThrows(AssertionError.class, log::assertNoFullEmailAtInfoOrAbove);
      AssertionError e =
          assertThrows(AssertionError.class, () -> log.assertNowhere("sk_live_123456"));
      assertTrue(e.getMessage().contains("must not"), e.getMessage());
      assertThrows(AssertionError.class, () -> log.assertLine(Level.WARN, "com.ckengine", "x"));
    }
  }
}

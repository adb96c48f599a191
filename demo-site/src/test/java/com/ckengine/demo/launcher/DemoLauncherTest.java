package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DemoLauncherTest {
  private final DemoOptions options = DemoOptions.parse(new String[] {"--data", "/tmp/demo-x"});

  @Test
  void aBusyPortIsExplainedWithTheOptionsThatFixIt() {
    String text =
        DemoLauncher.explain(
            new UncheckedIOException(
                "cannot listen on port 8089", new BindException("Address already in use")),
            options);
    assertTrue(text.contains("--port") && text.contains("--kit-port"), text);
  }

  @Test
  void aLockedDatabaseNamesTheDataFolder() {
    String text =
        DemoLauncher.explain(
            new SQLException("Database lock acquisition failure: lockFile: x"), options);
    assertTrue(text.contains("/tmp/demo-x") && text.contains("--data"), text);
    assertTrue(text.contains("killed holds it for 10 more seconds"), text);
  }

  @Test
  void anythingElseIsLeftToTheStackTrace() {
    assertNull(DemoLauncher.explain(new IOException("disk full"), options));
  }
}

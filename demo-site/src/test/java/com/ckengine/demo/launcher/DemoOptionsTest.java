package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void readsEveryOption() {
    DemoOptions o =
        DemoOptions.parse(
            new String[] {
              "--port",
              "9090",
              "--data",
              "/tmp/x",
              "--reset",
              "--db-url",
              "jdbc:postgresql://db:5432/store",
              "--db-user",
              "u",
              "--db-password",
              "p",
              "--kit-port",
              "0"
            });
    assertEquals(9090, o.port());
    assertEquals("/tmp/x", o.dataDir().getPath());
    assertTrue(o.reset());
    assertEquals("jdbc:postgresql://db:5432/store", o.jdbcUrl());
    assertEquals("u", o.jdbcUser());
    assertEquals("p", o.jdbcPassword());
    assertEquals(0, o.kitPort());
  }

  @Test
  void refusesWhatItCannotUse() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--colour"}));
    assertTrue(unknown.getMessage().contains("Unknown option '--colour'"));
    assertThrows(
        IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--port", "http"}));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse(new String[] {"--port"}));
    IllegalArgumentException mysql =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--db-url", "jdbc:mysql://db/store"}));
    assertTrue(mysql.getMessage().contains("PostgreSQL"));
  }
}

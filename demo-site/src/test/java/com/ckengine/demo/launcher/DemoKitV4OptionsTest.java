package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code ./demo --kit-v4-base-url}: the v4 API elsewhere, beside {@code --kit-base-url} for v3. */
class DemoKitV4OptionsTest {
  @Test
  void eitherKitUrlPointsTheDemoAwayFromTheSandboxAndTheOtherIsKitsOwn() throws Exception {
    File data = Files.createTempDirectory("ckdemo-v4").toFile();
    DemoOptions v4Only =
        DemoOptions.parse(
            new String[] {
              "--kit-v4-base-url", "https://kit.example/v4/", "--data", data.getPath()
            });
    assertTrue(v4Only.usesRealKit());
    try (DemoKit kit = DemoKit.start(v4Only)) {
      assertFalse(kit.isSandbox());
      assertEquals("https://kit.example/v4/", kit.v4BaseUrl());
      assertEquals(DemoKit.KIT_V3, kit.baseUrl());
      assertEquals("", kit.oauthClientId(), "no Connect with Kit against the real Kit");
    }
    DemoOptions v3Only =
        DemoOptions.parse(
            new String[] {"--kit-base-url", "https://kit.example/v3/", "--data", data.getPath()});
    try (DemoKit kit = DemoKit.start(v3Only)) {
      assertEquals(DemoKit.KIT_V4, kit.v4BaseUrl());
    }
    assertNull(DemoOptions.parse(new String[0]).kitV4BaseUrl());
    assertFalse(DemoOptions.parse(new String[0]).usesRealKit());
  }

  @Test
  void aV4UrlThatIsNotHttpIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DemoOptions.parse(new String[] {"--kit-v4-base-url", "api.kit.com/v4"}));
    assertTrue(e.getMessage().contains("--kit-v4-base-url must be an http(s) URL"), e.getMessage());
  }
}

package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKitTest {
  @TempDir Path data;

  @Test
  void theSandboxAccountKeepsItsSecretAndTagIdsAcrossRestarts() throws Exception {
    DemoOptions options = DemoOptions.builder().dataDir(data.toFile()).kitPort(0).build();
    String secret;
    Long vipTag;
    try (DemoKit kit = DemoKit.start(options)) {
      assertTrue(kit.isSandbox());
      secret = kit.sandboxSecret();
      assertNotNull(secret);
      vipTag = kit.sandbox().tagId(secret, "VIP");
      assertNotNull(vipTag);
      HttpResponse<String> account =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(kit.baseUrl() + "account?api_secret=" + secret))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, account.statusCode());
      assertTrue(account.body().contains("Demo Store"), account.body());
    }
    try (DemoKit again = DemoKit.start(options)) {
      assertEquals(secret, again.sandboxSecret());
      assertEquals(vipTag, again.sandbox().tagId(secret, "VIP"));
    }
    assertTrue(new File(data.toFile(), "kit-sandbox-secret").isFile());
  }

  @Test
  void aRealKitBaseUrlStartsNoSandbox() throws Exception {
    DemoOptions options =
        DemoOptions.parse(
            new String[] {
              "--data", data.toString(), "--kit-base-url", "https://api.convertkit.com/v3/"
            });
    try (DemoKit kit = DemoKit.start(options)) {
      assertFalse(kit.isSandbox());
      assertNull(kit.sandboxSecret());
      assertEquals("https://api.convertkit.com/v3/", kit.baseUrl());
    }
  }
}

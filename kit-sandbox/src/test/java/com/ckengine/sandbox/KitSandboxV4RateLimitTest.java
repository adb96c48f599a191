package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** v4's limits per credential: 120 a rolling minute per API key, 600 per OAuth token. */
class KitSandboxV4RateLimitTest {
  @Test
  void theKeysLimitIs120AndTheTokensIs600WithKitsPlainText429() throws Exception {
    try (KitSandbox sandbox = KitSandbox.builder().build().start()) {
      String secret = sandbox.createAccount("Shop", "o@shop.example");
      sandbox.registerOAuthApp("app", "s", "http://localhost:9/cb");
      String key = sandbox.v4ApiKey(secret);
      String token = sandbox.grantOAuthTokens("app", secret).accessToken();
      V4Http v4 = new V4Http(sandbox);
      for (int i = 0; i < 120; i++) {
        assertEquals(200, v4.withKey(key, "GET", "tags", null).statusCode(), "call " + (i + 1));
      }
      HttpResponse<String> limited = v4.withKey(key, "GET", "tags", null);
      assertEquals(429, limited.statusCode());
      assertEquals("Retry later", limited.body());
      assertEquals("text/plain", limited.headers().firstValue("Content-Type").orElse(""));
      assertTrue(limited.headers().firstValue("Retry-After").isEmpty());

      // The token has its own budget, untouched by the key's.
      for (int i = 0; i < 600; i++) {
        assertEquals(200, v4.withToken(token, "GET", "tags", null).statusCode(), "call " + (i + 1));
      }
      assertEquals(429, v4.withToken(token, "GET", "tags", null).statusCode());
      assertEquals(121, sandbox.peakRequestsInAnyWindow());
      assertEquals(601, sandbox.peakOAuthRequestsInAnyWindow());
      // The v3 secret of the same account is a credential of its own.
      assertEquals(
          200,
          v4.get("http://localhost:" + sandbox.port() + "/v3/tags?api_secret=" + secret)
              .statusCode());
    }
  }

  @Test
  void theOAuthWindowRollsOn() throws Exception {
    try (KitSandbox fast =
        KitSandbox.builder().oauthRateLimit(2, Duration.ofMillis(1500)).build().start()) {
      String secret = fast.createAccount("F", "f@example.com");
      fast.registerOAuthApp("app", null, "http://localhost:9/cb");
      String token = fast.grantOAuthTokens("app", secret).accessToken();
      V4Http v4 = new V4Http(fast);
      assertEquals(200, v4.withToken(token, "GET", "tags", null).statusCode());
      assertEquals(200, v4.withToken(token, "GET", "tags", null).statusCode());
      assertEquals(429, v4.withToken(token, "GET", "tags", null).statusCode());
      Thread.sleep(1600);
      assertEquals(200, v4.withToken(token, "GET", "tags", null).statusCode());
    }
  }
}

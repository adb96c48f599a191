package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How v4's failures read: {@code {"errors":[...]}} reaches the result, a 429 {@code Retry later}
 * pauses the credential like v3's 429, a revoked key is v3's 401, and the credential never shows.
 */
class KitClientV4ErrorsTest {
  static final String KEY_TEXT = "kit_v4key_err+/=1";
  static final KitCredential KEY = KitCredential.v4ApiKey(KEY_TEXT);

  final FakeClock clock = new FakeClock();
  V4TestServer kit;

  @BeforeEach
  void start() throws Exception {
    kit =
        new V4TestServer(
            KitClient.builder()
                .clock(clock)
                .rateLimit(60, Duration.ofSeconds(60))
                .operatorShare(0)
                .maxRateLimitWait(Duration.ZERO));
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  @Test
  void kitsErrorsReachTheResult() {
    kit.answer(422, "{\"errors\":[\"Name has already been taken\",\"Name is too long\"]}");

    KitResult<KitTag> result = kit.client.createTag(KEY, "VIP");

    assertEquals(KitOutcome.REJECTED, result.outcome());
    assertEquals(422, result.httpStatus());
    assertEquals("Name has already been taken; Name is too long", result.message());
  }

  @Test
  void a429RetryLaterIsKitsRateLimitAndPausesTheKey() {
    kit.server.enqueue(
        new mockwebserver3.MockResponse.Builder()
            .code(429)
            .setHeader("Content-Type", "text/plain")
            .body("Retry later")
            .build());

    KitResult<?> result = kit.client.listTags(KEY);

    assertEquals(KitOutcome.RATE_LIMITED, result.outcome(), "the same as v3's 429");
    assertTrue(result.isRetryable());
    assertEquals("Retry later", result.message());
    // 60 per 60 s: a first 429 pauses the key for 1 s, as for a v3 secret.
    assertEquals(Duration.ofSeconds(1), kit.client.permitDelay(KEY));
    KitResult<?> next = kit.client.listTags(KEY);
    assertEquals(KitOutcome.THROTTLED, next.outcome(), "held back, nothing sent");
    assertEquals(1, kit.requests());
  }

  @Test
  void aRevokedKeyIsBadCredentialsAsInV3() {
    kit.answer(401, "{\"errors\":[\"The API key is invalid\"]}");
    kit.answer(401, "{\"error\":\"Authorization Failed\",\"message\":\"API Key not valid\"}");

    KitResult<KitAccount> v4 = kit.client.account(KEY);
    KitResult<KitAccount> v3 = kit.client.account(KitCredential.v3Secret("revoked-v3"));

    assertEquals(v3.outcome(), v4.outcome());
    assertEquals(KitOutcome.BAD_CREDENTIALS, v4.outcome());
    assertFalse(v4.isRetryable());
    assertEquals("The API key is invalid", v4.message());
  }

  @Test
  void theKeyNeverShowsEvenWhenKitEchoesIt() throws Exception {
    String encoded = URLEncoder.encode(KEY_TEXT, StandardCharsets.UTF_8.name());
    KitCredential token = KitCredential.oauthToken(KEY_TEXT, "oauth:7");
    List<KitResult<?>> results = new ArrayList<KitResult<?>>();
    kit.answer(401, "{\"errors\":[\"key " + KEY_TEXT + " (" + encoded + ") is invalid\"]}");
    results.add(kit.client.account(KEY));
    kit.answer(500, "{\"errors\":[\"" + KEY_TEXT + "\"]}");
    results.add(kit.client.createTag(KEY, "VIP"));
    kit.server.enqueue(
        new mockwebserver3.MockResponse.Builder().code(429).body("Retry " + KEY_TEXT).build());
    results.add(kit.client.account(token));
    results.add(kit.client.recordPurchase(KEY, KitClientV4OAuthTest.purchase()));

    for (KitResult<?> r : results) {
      assertFalse(r.message().contains(KEY_TEXT), r.message());
      assertFalse(r.message().contains(encoded), r.message());
      assertFalse(r.toString().contains(KEY_TEXT), r.toString());
    }
    assertEquals("key [redacted] ([redacted]) is invalid", results.get(0).message());
    assertFalse(KEY.toString().contains(KEY_TEXT));
    assertFalse(token.toString().contains(KEY_TEXT));
  }
}

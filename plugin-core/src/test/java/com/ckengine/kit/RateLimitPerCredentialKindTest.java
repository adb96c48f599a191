package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kit's budget follows the credential: 120 per 60 s for a secret or a key, 600 for OAuth. */
class RateLimitPerCredentialKindTest {
  final FakeClock clock = new FakeClock();
  KitClient client;

  /**
   * Nothing listens at the client's URLs, so each call that gets its permit ends at once {@link
   * KitOutcome#UNAVAILABLE}: the limiter is what is measured, not a server.
   */
  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    client =
        KitClient.builder()
            .baseUrl("http://127.0.0.1:" + port + "/v3/")
            .v4BaseUrl("http://127.0.0.1:" + port + "/v4/")
            .clock(clock)
            .operatorShare(0)
            .maxRateLimitWait(Duration.ZERO)
            .build();
  }

  /** Calls until the limiter refuses; how many it let go. */
  int callsInOneWindow(KitClient client, KitCredential credential) {
    int sent = 0;
    while (sent < 1000) {
      KitResult<?> r = client.account(credential);
      if (r.outcome() == KitOutcome.THROTTLED) return sent;
      assertEquals(KitOutcome.UNAVAILABLE, r.outcome(), r.toString());
      sent++;
    }
    return sent;
  }

  int callsInOneWindow(KitCredential credential) {
    return callsInOneWindow(client, credential);
  }

  @Test
  void anOAuthTokenGets600WhereAKeyGets120() {
    assertEquals(120, callsInOneWindow(KitCredential.v4ApiKey("key")));
    assertEquals(120, callsInOneWindow(KitCredential.v3Secret("secret")));
    assertEquals(600, callsInOneWindow(KitCredential.oauthToken("token", "oauth:1")));
    // The clock never moved: all of it within one window.
  }

  @Test
  void aRefreshedTokenSpendsTheSameBudget() {
    assertEquals(600, callsInOneWindow(KitCredential.oauthToken("before", "oauth:1")));
    assertEquals(0, callsInOneWindow(KitCredential.oauthToken("after-refresh", "oauth:1")));
  }

  @Test
  void theBuilderSetsEachKindOrEveryKind() {
    KitClient.Builder b = KitClient.builder();
    assertEquals(120, b.rateLimitRequests(CredentialKind.V3_API_SECRET));
    assertEquals(120, b.rateLimitRequests(CredentialKind.V4_API_KEY));
    assertEquals(600, b.rateLimitRequests(CredentialKind.V4_OAUTH_TOKEN));
    assertEquals(4, b.effectiveOperatorShare(CredentialKind.V4_API_KEY), "a thirtieth");
    assertEquals(20, b.effectiveOperatorShare(CredentialKind.V4_OAUTH_TOKEN), "a thirtieth");
    b.rateLimit(CredentialKind.V4_OAUTH_TOKEN, 300, Duration.ofSeconds(30));
    assertEquals(300, b.rateLimitRequests(CredentialKind.V4_OAUTH_TOKEN));
    assertEquals(Duration.ofSeconds(30), b.rateLimitWindow(CredentialKind.V4_OAUTH_TOKEN));
    assertEquals(120, b.rateLimitRequests(), "the others keep theirs");
    b.rateLimit(10, Duration.ofSeconds(5));
    for (CredentialKind kind : CredentialKind.values()) {
      assertEquals(10, b.rateLimitRequests(kind), "every kind: " + kind);
      assertEquals(Duration.ofSeconds(5), b.rateLimitWindow(kind));
    }
  }

  @Test
  void theOperatorsShareIsAThirtiethOfEachKind() throws Exception {
    KitClient.Builder b = KitClient.builder().clock(clock).maxRateLimitWait(Duration.ZERO);
    try (ServerSocket free = new ServerSocket(0)) {
      b.v4BaseUrl("http://127.0.0.1:" + free.getLocalPort() + "/v4/");
    }
    KitClient split = b.build();
    assertEquals(
        20, callsInOneWindow(split.forOperator(), KitCredential.oauthToken("t", "oauth:9")));
    assertEquals(4, callsInOneWindow(split.forOperator(), KitCredential.v4ApiKey("key")));
    assertEquals(580, callsInOneWindow(split, KitCredential.oauthToken("t", "oauth:9")));
  }
}

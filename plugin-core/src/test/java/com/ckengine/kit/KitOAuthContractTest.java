package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kit's OAuth server as the client speaks it (issue 17, item 3): the authorize URL with the PKCE
 * challenge, the code exchange, the refresh and the revocation as forms under the v4 base URL;
 * Kit's OAuth errors mapped to outcomes; no code, verifier, token or client secret in any message.
 */
class KitOAuthContractTest {
  static final OAuthApp APP = OAuthApp.of("shop-app", "app-secret-31f");
  static final String REDIRECT = "https://admin.example/admin/ckengine-integrations/oauth/callback";

  V4TestServer kit;
  KitOAuth oauth;

  @BeforeEach
  void start() throws Exception {
    kit = new V4TestServer();
    oauth = kit.client.oauth();
  }

  @AfterEach
  void stop() {
    kit.close();
  }

  static Map<String, String> form(RecordedRequest request) {
    Map<String, String> out = new HashMap<String, String>();
    for (String pair : request.getBody().utf8().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void theAuthorizeUrlCarriesTheAppTheStateAndTheChallengeNeverTheVerifier() {
    Pkce pkce = Pkce.create();
    HttpUrl url = oauth.authorizeUrl(APP, REDIRECT, "state-1", pkce);
    assertEquals("/v4/oauth/authorize", url.encodedPath());
    assertEquals("shop-app", url.queryParameter("client_id"));
    assertEquals("code", url.queryParameter("response_type"));
    assertEquals(REDIRECT, url.queryParameter("redirect_uri"));
    assertEquals("state-1", url.queryParameter("state"));
    assertEquals(pkce.challenge(), url.queryParameter("code_challenge"));
    assertEquals("S256", url.queryParameter("code_challenge_method"));
    assertFalse(url.toString().contains(pkce.verifier()));
    assertFalse(url.toString().contains("app-secret-31f"));
  }

  @Test
  void theCodeIsExchangedWithTheVerifierForTokensThatExpire() throws Exception {
    kit.answer(
        200,
        "{\"access_token\":\"acc-1\",\"refresh_token\":\"ref-1\",\"expires_in\":7200,"
            + "\"token_type\":\"Bearer\",\"scope\":\"public\",\"created_at\":1700000000}");
    Pkce pkce = Pkce.create();
    long before = System.currentTimeMillis();
    KitResult<OAuthTokens> r = oauth.exchangeCode(APP, "code-9", REDIRECT, pkce);
    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/oauth/token", line(request));
    Map<String, String> sent = form(request);
    assertEquals("authorization_code", sent.get("grant_type"));
    assertEquals("shop-app", sent.get("client_id"));
    assertEquals("code-9", sent.get("code"));
    assertEquals(REDIRECT, sent.get("redirect_uri"));
    assertEquals(pkce.verifier(), sent.get("code_verifier"));
    assertEquals("app-secret-31f", sent.get("client_secret"));
    assertTrue(r.isSuccess(), r.toString());
    assertEquals("acc-1", r.value().accessToken());
    assertEquals("ref-1", r.value().refreshToken());
    Instant expires = r.value().expiresAt();
    assertTrue(
        !expires.isBefore(Instant.ofEpochMilli(before).plusSeconds(7200))
            && expires.isBefore(Instant.now().plusSeconds(7201)),
        expires.toString());
  }

  @Test
  void aRefreshSendsTheRefreshTokenAndKeepsTheOldOneWhenKitGivesNone() throws Exception {
    kit.answer(200, "{\"access_token\":\"acc-2\",\"expires_in\":60}");
    KitResult<OAuthTokens> r = oauth.refresh(APP, "ref-1");
    Map<String, String> sent = form(kit.taken());
    assertEquals("refresh_token", sent.get("grant_type"));
    assertEquals("ref-1", sent.get("refresh_token"));
    assertEquals("shop-app", sent.get("client_id"));
    assertEquals("acc-2", r.value().accessToken());
    assertNull(r.value().refreshToken(), "none given: the engine keeps the one it has");
  }

  @Test
  void aRefusedGrantIsBadCredentialsAndNoSecretIsInTheMessageEvenWhenKitEchoesIt()
      throws Exception {
    kit.answer(
        400,
        "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token ref-1 was revoked;"
            + " client app-secret-31f\"}");
    KitResult<OAuthTokens> r = oauth.refresh(APP, "ref-1");
    assertEquals(KitOutcome.BAD_CREDENTIALS, r.outcome(), r.toString());
    assertEquals(400, r.httpStatus());
    assertTrue(r.message().contains("invalid_grant"), r.message());
    assertFalse(r.message().contains("ref-1"), r.message());
    assertFalse(r.message().contains("app-secret-31f"), r.message());
  }

  @Test
  void kitDownOrBusyIsRetryableNotARefusal() throws Exception {
    kit.answer(503, "<html>Service Unavailable</html>");
    assertEquals(KitOutcome.UNAVAILABLE, oauth.refresh(APP, "ref-1").outcome());
    kit.answer(429, "Retry later");
    KitResult<OAuthTokens> busy = oauth.refresh(APP, "ref-1");
    assertTrue(busy.isRetryable(), busy.toString());
    kit.answer(200, "{\"token_type\":\"Bearer\"}");
    KitResult<OAuthTokens> noToken = oauth.exchangeCode(APP, "c", REDIRECT, Pkce.create());
    assertFalse(noToken.isSuccess());
    assertTrue(noToken.message().contains("holds no token"), noToken.message());
  }

  @Test
  void revokeSendsTheTokenAndTheApp() throws Exception {
    kit.answer(200, "{}");
    KitResult<Boolean> r = oauth.revoke(APP, "acc-1");
    RecordedRequest request = kit.taken();
    assertEquals("POST /v4/oauth/revoke", line(request));
    Map<String, String> sent = form(request);
    assertEquals("acc-1", sent.get("token"));
    assertEquals("shop-app", sent.get("client_id"));
    assertEquals("app-secret-31f", sent.get("client_secret"));
    assertTrue(r.isSuccess());
  }
}

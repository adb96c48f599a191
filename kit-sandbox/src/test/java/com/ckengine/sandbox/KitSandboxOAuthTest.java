package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's OAuth: consent page, PKCE S256 at the token endpoint, refresh, revoke, expiry. */
class KitSandboxOAuthTest {
  static final String REDIRECT = "http://localhost:9/kit/callback";
  static final String VERIFIER = "a".repeat(20) + "-._~" + "b".repeat(30);

  KitSandbox sandbox;
  V4Http v4;
  String secret;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().noRateLimit().build().start();
    secret = DemoAccount.create(sandbox, null);
    sandbox.registerOAuthApp("shop-app", "shop-secret", REDIRECT);
    v4 = new V4Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The browser's part: open the consent page, click Authorize; returns the code. */
  String authorize(String state) throws Exception {
    String query =
        "client_id=shop-app&response_type=code&redirect_uri="
            + enc(REDIRECT)
            + "&state="
            + state
            + "&code_challenge="
            + OAuthStore.s256(VERIFIER)
            + "&code_challenge_method=S256";
    HttpResponse<String> page = v4.get(sandbox.v4BaseUrl() + "oauth/authorize?" + query);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("shop-app"), "names the app");
    assertTrue(page.body().contains(DemoAccount.NAME), "names the account");
    assertTrue(page.body().contains(">Authorize</button>"));
    String accountId = page.body().replaceAll("(?s).*<option value=\"(\\d+)\".*", "$1");
    HttpResponse<String> clicked =
        v4.form("oauth/authorize", query + "&account_id=" + accountId + "&decision=authorize");
    assertEquals(302, clicked.statusCode());
    String location = clicked.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(REDIRECT + "?"), location);
    Map<String, String> params = Exchanges.form(URI.create(location).getRawQuery());
    assertEquals(state, params.get("state"));
    return params.get("code");
  }

  HttpResponse<String> exchange(String code, String verifier) throws Exception {
    return v4.form(
        "oauth/token",
        "grant_type=authorization_code&client_id=shop-app&code="
            + code
            + "&redirect_uri="
            + enc(REDIRECT)
            + "&code_verifier="
            + verifier);
  }

  @Test
  void authorizeThenTokenWithPkceOpensTheAccount() throws Exception {
    String code = authorize("xyz");
    HttpResponse<String> token = exchange(code, VERIFIER);
    assertEquals(200, token.statusCode(), token.body());
    JsonNode t = V4Http.json(token);
    assertEquals("Bearer", t.get("token_type").asText());
    assertEquals(172800, t.get("expires_in").asLong());
    assertTrue(t.has("refresh_token") && t.has("created_at"));
    HttpResponse<String> account =
        v4.withToken(t.get("access_token").asText(), "GET", "account", null);
    assertEquals(200, account.statusCode());
    assertEquals(DemoAccount.NAME, V4Http.json(account).get("account").get("name").asText());

    HttpResponse<String> again = exchange(code, VERIFIER);
    assertEquals(400, again.statusCode(), "a code is single-use");
    assertEquals("invalid_grant", V4Http.json(again).get("error").asText());
  }

  @Test
  void aWrongVerifierIsRefused() throws Exception {
    String code = authorize("s1");
    HttpResponse<String> wrong = exchange(code, VERIFIER.replace('a', 'c'));
    assertEquals(400, wrong.statusCode());
    assertEquals("invalid_grant", V4Http.json(wrong).get("error").asText());
    HttpResponse<String> missing =
        v4.form("oauth/token", "grant_type=authorization_code&client_id=shop-app&code=" + code);
    assertEquals(400, missing.statusCode());
  }

  @Test
  void theTokenEndpointTakesJsonToo() throws Exception {
    String code = authorize("s2");
    HttpResponse<String> token =
        v4.send(
            null,
            null,
            "POST",
            "oauth/token",
            "{\"client_id\":\"shop-app\",\"grant_type\":\"authorization_code\",\"code\":\""
                + code
                + "\",\"redirect_uri\":\""
                + REDIRECT
                + "\",\"code_verifier\":\""
                + VERIFIER
                + "\"}");
    assertEquals(200, token.statusCode(), token.body());
  }

  @Test
  void anUnknownAppOrRedirectGetsAPageNotARedirect() throws Exception {
    HttpResponse<String> r =
        v4.get(
            sandbox.v4BaseUrl()
                + "oauth/authorize?client_id=shop-app&response_type=code"
                + "&redirect_uri="
                + enc("http://evil.example/cb"));
    assertEquals(400, r.statusCode());
    assertTrue(r.headers().firstValue("Location").isEmpty());
  }

  @Test
  void refreshGivesNewTokensAndEndsTheOldOnes() throws Exception {
    KitSandbox.OAuthTokens t = sandbox.grantOAuthTokens("shop-app", secret);
    HttpResponse<String> refreshed =
        v4.form(
            "oauth/token",
            "grant_type=refresh_token&client_id=shop-app&refresh_token=" + t.refreshToken());
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    JsonNode n = V4Http.json(refreshed);
    assertNotEquals(t.accessToken(), n.get("access_token").asText());
    assertNotEquals(t.refreshToken(), n.get("refresh_token").asText());
    assertEquals(
        200, v4.withToken(n.get("access_token").asText(), "GET", "tags", null).statusCode());
    assertEquals(401, v4.withToken(t.accessToken(), "GET", "tags", null).statusCode());
    assertEquals(
        400,
        v4.form(
                "oauth/token",
                "grant_type=refresh_token&client_id=shop-app"
                    + "&refresh_token="
                    + t.refreshToken())
            .statusCode(),
        "a refresh token works once");
  }

  @Test
  void revokedAndExpiredTokensAnswer401() throws Exception {
    KitSandbox.OAuthTokens t = sandbox.grantOAuthTokens("shop-app", secret);
    assertEquals(200, v4.withToken(t.accessToken(), "GET", "account", null).statusCode());
    HttpResponse<String> revoke =
        v4.form(
            "oauth/revoke",
            "client_id=shop-app&client_secret=shop-secret&token=" + t.accessToken());
    assertEquals(200, revoke.statusCode());
    HttpResponse<String> after = v4.withToken(t.accessToken(), "GET", "account", null);
    assertEquals(401, after.statusCode());
    assertTrue(V4Http.json(after).get("errors").isArray());

    KitSandbox.OAuthTokens u = sandbox.grantOAuthTokens("shop-app", secret);
    sandbox.expireAccessTokens();
    HttpResponse<String> expired = v4.withToken(u.accessToken(), "GET", "account", null);
    assertEquals(401, expired.statusCode());
    assertEquals("The access token expired", V4Http.json(expired).get("errors").get(0).asText());
    assertEquals(
        200,
        v4.form(
                "oauth/token",
                "grant_type=refresh_token&client_id=shop-app"
                    + "&refresh_token="
                    + u.refreshToken())
            .statusCode(),
        "refresh still works");
  }

  @Test
  void aShortLifetimeExpiresTokensOnItsOwn() throws Exception {
    try (KitSandbox quick =
        KitSandbox.builder().oauthTokenLifetime(Duration.ofMillis(300)).build().start()) {
      String s = quick.createAccount("Q", "q@example.com");
      quick.registerOAuthApp("app", null, REDIRECT);
      KitSandbox.OAuthTokens t = quick.grantOAuthTokens("app", s);
      V4Http q = new V4Http(quick);
      assertEquals(200, q.withToken(t.accessToken(), "GET", "account", null).statusCode());
      Thread.sleep(400);
      assertEquals(401, q.withToken(t.accessToken(), "GET", "account", null).statusCode());
    }
  }

  @Test
  void purchasesAndBulkTaggingWithAToken() throws Exception {
    String token = sandbox.grantOAuthTokens("shop-app", secret).accessToken();
    String purchase =
        "{\"purchase\":{\"email_address\":\"ann@example.com\",\"transaction_id\":\"T-1\","
            + "\"status\":\"paid\",\"subtotal\":20.00,\"tax\":1.60,\"shipping\":0,"
            + "\"discount\":0,\"total\":21.60,\"currency\":\"USD\","
            + "\"transaction_time\":\"2024-01-01T10:00:00Z\",\"products\":[{\"name\":\"Mug\","
            + "\"pid\":\"1\",\"lid\":\"1\",\"quantity\":2,\"unit_price\":10.00,\"sku\":\"MUG\"}]}}";
    HttpResponse<String> made = v4.withToken(token, "POST", "purchases", purchase);
    assertEquals(201, made.statusCode(), made.body());
    JsonNode p = V4Http.json(made).get("purchase");
    assertEquals("21.60", p.get("total").decimalValue().toPlainString());
    assertTrue(p.get("subscriber_id").asLong() > 0);
    assertEquals("T-1", sandbox.purchases(secret).get(0).transactionId());
    JsonNode listed = V4Http.json(v4.withToken(token, "GET", "purchases?per_page=1", null));
    assertEquals("T-1", listed.get("purchases").get(0).get("transaction_id").asText());

    HttpResponse<String> missing =
        v4.withToken(token, "POST", "purchases", purchase.replace("\"tax\":1.60,", ""));
    assertEquals(422, missing.statusCode());
    assertTrue(missing.body().contains("Tax can't be blank"), missing.body());
    HttpResponse<String> unknown =
        v4.withToken(
            token,
            "POST",
            "purchases",
            purchase.replace("\"status\"", "\"integration\":\"x\",\"status\""));
    assertEquals(422, unknown.statusCode());
    assertEquals(1, sandbox.purchases(secret).size());

    long vip = sandbox.tagId(secret, "VIP");
    long ann = p.get("subscriber_id").asLong();
    HttpResponse<String> bulk =
        v4.withToken(
            token,
            "POST",
            "bulk/tags/subscribers",
            "{\"taggings\":[{\"tag_id\":"
                + vip
                + ",\"subscriber_id\":"
                + ann
                + "},"
                + "{\"tag_id\":"
                + vip
                + ",\"subscriber_id\":424242},"
                + "{\"tag_id\":99999,\"subscriber_id\":"
                + ann
                + "}]}");
    assertEquals(200, bulk.statusCode(), bulk.body());
    JsonNode b = V4Http.json(bulk);
    assertEquals(1, b.get("subscribers").size());
    assertEquals(2, b.get("failures").size());
    assertEquals(
        "Subscriber does not exist", b.get("failures").get(0).get("errors").get(0).asText());
    assertEquals(424242, b.get("failures").get(0).get("tagging").get("subscriber_id").asLong());
    assertEquals("Tag does not exist", b.get("failures").get(1).get("errors").get(0).asText());
    assertEquals(java.util.List.of("VIP"), sandbox.subscriberTags(secret, "ann@example.com"));
    assertEquals(
        422,
        v4.withToken(token, "POST", "bulk/tags/subscribers", "{\"taggings\":[]}").statusCode());
  }
}

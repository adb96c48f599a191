package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.OAuthApp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, item 3: "Connect with Kit" (the authorization code flow with PKCE against the sandbox's
 * OAuth server), the tokens kept encrypted, a refused token refreshed once so deliveries go on, and
 * the tokens revoked when the integration is deleted.
 */
class ConnectWithKitTest extends DeliveryPromiseTestBase {
  static final String REDIRECT = "http://localhost:9/admin/ckengine-integrations/oauth/callback";

  IntegrationEngine oauthEngine(KitClient client) {
    sandbox.registerOAuthApp(OAUTH_CLIENT, "shop-secret", REDIRECT);
    return engine(
        engineBuilder(client, "node-a")
            .kitOAuth(client.oauth(), OAuthApp.of(OAUTH_CLIENT, "shop-secret"), REDIRECT));
  }

  /** The operator's browser on Kit's consent page: clicks Authorize, lands on the callback. */
  Map<String, String> authorize(PendingAuthorization pending) throws Exception {
    HttpClient browser = HttpClient.newHttpClient();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(pending.authorizeUrl())).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode(), page.body());
    String accountId = page.body().replaceAll("(?s).*<option value=\"(\\d+)\".*", "$1");
    String query = URI.create(pending.authorizeUrl()).getRawQuery();
    HttpResponse<String> clicked =
        browser.send(
            HttpRequest.newBuilder(URI.create(sandbox.v4BaseUrl() + "oauth/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        query + "&account_id=" + accountId + "&decision=authorize"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, clicked.statusCode(), clicked.body());
    URI back = URI.create(clicked.headers().firstValue("Location").orElseThrow());
    assertTrue(back.toString().startsWith(REDIRECT + "?"), back.toString());
    Map<String, String> params = new HashMap<String, String>();
    for (String pair : back.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  Integration connectWithKit(IntegrationEngine engine, String label) throws Exception {
    PendingAuthorization pending = engine.oauth().begin(label, REDIRECT);
    assertTrue(pending.authorizeUrl().contains("code_challenge_method=S256"));
    assertFalse(pending.authorizeUrl().contains(pending.verifier()), "only the challenge leaves");
    Map<String, String> back = authorize(pending);
    return engine.oauth().finish(pending, back.get("state"), back.get("code"), null);
  }

  @Test
  void connectsWithKitStoresTheTokensEncryptedAndDeliversPurchasesToo() throws Exception {
    IntegrationEngine engine = oauthEngine(client());
    assertTrue(engine.oauth().isConfigured());
    Integration i = connectWithKit(engine, "Main");
    assertEquals(CredentialKind.V4_OAUTH_TOKEN, i.credentialKind());
    assertTrue(i.canRecordPurchases());
    assertEquals("Shop", i.accountName());

    IntegrationEntity stored = stored(i.id());
    assertTrue(stored.getSecretCiphertext().startsWith("v1:"));
    assertTrue(stored.getRefreshCiphertext().startsWith("v1:"));
    assertNotNull(stored.getTokenExpiresAt());

    PurchaseRules.addTag(engine, i.id(), "customer", "vip");
    PurchaseRules.addPurchase(engine, i.id());
    engine.start();
    engine.publisher().publish(purchase("O1", "olga@example.com", 1));
    await("delivered", () -> finalIn(engine, "O1"));
    for (LogEntry e : log(engine, "O1")) {
      assertEquals(ActionStatus.DELIVERED, e.status(), e.toString());
    }
    assertEquals(
        Arrays.asList("customer", "vip"), sandbox.subscriberTags(secret, "olga@example.com"));
    assertEquals(1, sandbox.purchases(secret).size());
  }

  @Test
  void anAnswerThatDoesNotBelongToTheAuthorizationIsRefused() throws Exception {
    IntegrationEngine engine = oauthEngine(client());
    PendingAuthorization pending = engine.oauth().begin("Main", REDIRECT);
    Map<String, String> back = authorize(pending);
    IntegrationException wrongState =
        assertThrows(
            IntegrationException.class,
            () -> engine.oauth().finish(pending, "forged", back.get("code"), null));
    assertTrue(wrongState.getMessage().contains("state differs"), wrongState.getMessage());
    IntegrationException declined =
        assertThrows(
            IntegrationException.class,
            () -> engine.oauth().finish(pending, pending.state(), null, "access_denied"));
    assertTrue(declined.getMessage().contains("did not grant access"), declined.getMessage());
    IntegrationException none =
        assertThrows(IntegrationException.class, () -> engine.oauth().finish(null, "x", "y", null));
    assertTrue(none.getMessage().contains("No connection to Kit was started"));
    assertTrue(engine.integrations().list().isEmpty());
  }

  @Test
  void aRefusedTokenIsRefreshedOnceAndTheDeliveryGoesOn() throws Exception {
    IntegrationEngine engine = oauthEngine(client());
    Integration i = connectWithKit(engine, "Main");
    PurchaseRules.addTag(engine, i.id(), "customer");
    int versionBefore = stored(i.id()).getSecretVersion();
    sandbox.expireAccessTokens(); // Kit refuses the stored access token from now on
    engine.start();
    engine.publisher().publish(purchase("R1", "rita@example.com", 1));
    await("delivered", () -> finalIn(engine, "R1"));
    assertEquals(ActionStatus.DELIVERED, log(engine, "R1").get(0).status());
    assertEquals(IntegrationStatus.CONNECTED, engine.integrations().get(i.id()).status());
    assertEquals(versionBefore + 1, stored(i.id()).getSecretVersion(), "refreshed once");
  }

  @Test
  void deletingTheIntegrationRevokesItsTokens() throws Exception {
    KitClient client = client();
    IntegrationEngine engine = oauthEngine(client);
    Integration i = connectWithKit(engine, "Main");
    String access = SecretCipher.fromBase64Key(KEY).decrypt(stored(i.id()).getSecretCiphertext());
    KitCredential token = KitCredential.oauthToken(access, "probe");
    assertTrue(client.account(token).isSuccess());
    engine.integrations().delete(i.id());
    assertEquals(KitOutcome.BAD_CREDENTIALS, client.account(token).outcome());
  }

  private IntegrationEntity stored(long id) {
    EntityManager em = emf.createEntityManager();
    try {
      return em.find(IntegrationEntity.class, id);
    } finally {
      em.close();
    }
  }
}

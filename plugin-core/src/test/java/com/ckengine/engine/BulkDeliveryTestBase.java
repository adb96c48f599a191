package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;

import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.OAuthApp;
import com.ckengine.kit.OAuthTokens;
import com.ckengine.sandbox.KitSandbox;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The fixture of the bulk delivery tests: an engine connected to the sandbox's account with an
 * OAuth token (the kind whose Add Tag actions go in Kit's bulk calls), rules of tags picked from
 * the account (so no tag look-ups), and a backlog published before delivery starts.
 */
abstract class BulkDeliveryTestBase extends DeliveryPromiseTestBase {
  static final String REDIRECT = "http://localhost:9/admin/ckengine-integrations/oauth/callback";

  IntegrationEngine engine;
  long integration;

  /** The access token the integration was connected with (for the tests' own look-ups). */
  String accessToken;

  /** An engine with {@code client}, connected by an OAuth token; delivery not started. */
  IntegrationEngine oauthEngine(KitClient client) {
    return oauthEngine(client, engineBuilder(client, "node-a"));
  }

  /** The same, from a builder made with {@code client} and given more settings. */
  IntegrationEngine oauthEngine(KitClient client, IntegrationEngine.Builder b) {
    sandbox.registerOAuthApp("shop-app", "shop-secret", REDIRECT);
    engine = engine(b.kitOAuth(client.oauth(), OAuthApp.of("shop-app", "shop-secret"), REDIRECT));
    KitSandbox.OAuthTokens granted = sandbox.grantOAuthTokens("shop-app", secret);
    OAuthTokens tokens =
        new OAuthTokens(
            granted.accessToken(), granted.refreshToken(), Instant.now().plus(2, ChronoUnit.DAYS));
    integration = engine.integrations().connectWithTokens("Main", tokens).id();
    accessToken = granted.accessToken();
    return engine;
  }

  /** A tag made in the account and picked in a rule with its Kit id. */
  RuleTag picked(String name) {
    return RuleTag.of(name, sandbox.createTag(secret, name));
  }

  void publishPurchases(int n, String emailPrefix) {
    for (int i = 0; i < n; i++) {
      engine
          .publisher()
          .publish(DeliveryTestBase.purchase("B" + i, emailPrefix + i + "@example.com", 1));
    }
  }

  void awaitFinal(int n) {
    await(
        "every action final",
        () -> {
          for (int i = 0; i < n; i++) if (!finalIn(engine, "B" + i)) return false;
          return true;
        });
  }
}

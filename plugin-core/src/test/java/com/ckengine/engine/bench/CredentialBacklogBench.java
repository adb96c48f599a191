package com.ckengine.engine.bench;

import com.ckengine.api.RuleTag;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.OAuthIntegrations;
import com.ckengine.engine.PurchaseRules;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.OAuthApp;
import com.ckengine.kit.OAuthTokens;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.Locale;
import javax.persistence.EntityManagerFactory;

/**
 * Issue 17's figures: a backlog of orders, each with Add Tag (two tags) and Add Purchase, drained
 * by one engine at Kit's real limits with one kind of credential: a v3 API Secret or a v4 API key
 * (120 requests per 60 s), or an OAuth token (600). With a v4 API key there is no Add Purchase
 * rule: Kit refuses purchases with it. With an OAuth token the Add Tag actions go in Kit's bulk
 * calls ({@code FastestSchedule.callsForBacklog} says how many calls each kind needs). Args:
 * [orders] [v3|v4key|oauth] [sandbox latency ms] [hsqldb|postgres]. Prints the calls made (the
 * sandbox's count, so whatever the engine sends), the calls per order, the 429s, the time, the most
 * requests in any 60 s window, and the share of the fastest schedule the credential allows.
 */
public final class CredentialBacklogBench {
  private static final int TAGS = 2;
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final String REDIRECT = "http://localhost:9/oauth/callback";

  private CredentialBacklogBench() {}

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String kindArg = args.length > 1 ? args[1] : "v3";
    long latencyMillis = args.length > 2 ? Long.parseLong(args[2]) : 100;
    boolean pg = args.length > 3 && args[3].equals("postgres");
    CredentialKind kind = kindOf(kindArg);
    if (pg) Backlogs.requirePostgres();

    // The sandbox and the client keep Kit's own limits (their defaults): 120 per 60 s per v3
    // account or V4 key, 600 per 60 s per OAuth token.
    KitSandbox sandbox = KitSandbox.builder().port(0).build().start();
    KitClient.Builder cb =
        KitClient.builder().baseUrl(sandbox.baseUrl()).v4BaseUrl(sandbox.v4BaseUrl());
    KitClient client = cb.build();
    int limit = cb.rateLimitRequests(kind);
    int share = cb.effectiveOperatorShare(kind);
    EntityManagerFactory emf = pg ? TestDatabases.postgres() : TestDatabases.hsqldb();
    sandbox.registerOAuthApp("bench-app", "bench-secret", REDIRECT);
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(client)
            .kitOAuth(client.oauth(), OAuthApp.of("bench-app", "bench-secret"), REDIRECT)
            .secretKey(SecretCipher.generateKey())
            .rateWindow(WINDOW)
            .build();

    String secret = sandbox.createAccount("Bench", "owner@bench.example");
    RuleTag customer = RuleTag.of("customer", sandbox.createTag(secret, "customer"));
    RuleTag buyer = RuleTag.of("buyer", sandbox.createTag(secret, "buyer"));
    long integration = connect(engine, sandbox, kind, secret);
    boolean purchase = engine.integrations().get(integration).canRecordPurchases();
    PurchaseRules.addTag(engine, integration, customer, buyer);
    if (purchase) PurchaseRules.addPurchase(engine, integration);
    int actionsPerOrder = purchase ? 2 : 1;
    int actions = orders * actionsPerOrder;
    long callsNeeded =
        FastestSchedule.callsForBacklog(sampleCredential(kind), orders, TAGS, purchase);
    double callsPerOrder = callsNeeded / (double) orders;

    for (int i = 0; i < orders; i++) engine.publisher().publish(Backlogs.order(i));
    Thread.sleep(WINDOW.toMillis() + 100); // the connect calls' window passes
    if (latencyMillis > 0) sandbox.delayResponses(Duration.ofMillis(latencyMillis));
    long requests0 = sandbox.requestCount();
    long t0 = System.nanoTime();
    engine.start();
    while (open(engine) > 0) Thread.sleep(500);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long calls = sandbox.requestCount() - requests0;
    engine.close();
    int delivered =
        TestDatabases.countLog(engine, LogQuery.builder().status(ActionStatus.DELIVERED));
    int peak =
        kind == CredentialKind.V4_OAUTH_TOKEN
            ? sandbox.peakOAuthRequestsInAnyWindow()
            : sandbox.peakRequestsInAnyWindow();

    double fastestKit = FastestSchedule.seconds(callsNeeded, limit, WINDOW.getSeconds());
    double fastest = FastestSchedule.seconds(callsNeeded, limit - share, WINDOW.getSeconds());
    System.out.printf(
        Locale.ROOT,
        "%s: %d orders, %d actions (%d delivered) in %.1f s = %.1f min (sandbox latency %d ms),"
            + " %d calls = %.2f per order (expected %.2f), %d answered 429,"
            + " at most %d requests in one %d s window (limit %d)%n",
        kindArg,
        orders,
        actions,
        delivered,
        seconds,
        seconds / 60,
        latencyMillis,
        calls,
        calls / (double) orders,
        callsPerOrder,
        sandbox.rateLimitedCount(),
        peak,
        WINDOW.getSeconds(),
        limit);
    System.out.printf(
        Locale.ROOT,
        "%s: %.1f %% of the fastest schedule for delivery's %d per window (%d calls in %.0f s;"
            + " %d kept for the operator); %.1f %% of the fastest for Kit's whole %d (%.0f s)%n",
        kindArg,
        100.0 * fastest / seconds,
        limit - share,
        callsNeeded,
        fastest,
        share,
        100.0 * fastestKit / seconds,
        limit,
        fastestKit);
    if (!purchase) {
      System.out.printf(
          "%s: no Add Purchase rule: Kit refuses purchases with a v4 API key (the client answers"
              + " REJECTED without a call); orders carry Add Tag only%n",
          kindArg);
    }
    emf.close();
    sandbox.close();
  }

  private static CredentialKind kindOf(String arg) {
    switch (arg) {
      case "v3":
        return CredentialKind.V3_API_SECRET;
      case "v4key":
        return CredentialKind.V4_API_KEY;
      case "oauth":
        return CredentialKind.V4_OAUTH_TOKEN;
      default:
        throw new IllegalArgumentException("kind must be v3, v4key or oauth, not " + arg);
    }
  }

  /** Connects the account of {@code secret} with the credential of {@code kind}; its id. */
  private static long connect(
      IntegrationEngine engine, KitSandbox sandbox, CredentialKind kind, String secret) {
    switch (kind) {
      case V3_API_SECRET:
        return engine.integrations().connect("Bench", secret).id();
      case V4_API_KEY:
        return engine.integrations().connect("Bench", sandbox.v4ApiKey(secret)).id();
      default:
        KitSandbox.OAuthTokens granted = sandbox.grantOAuthTokens("bench-app", secret);
        OAuthTokens tokens = new OAuthTokens(granted.accessToken(), granted.refreshToken(), null);
        return OAuthIntegrations.connect(engine, "Bench", tokens).id();
    }
  }

  /** A credential of {@code kind}, only to ask what that kind can do (its text is never used). */
  private static KitCredential sampleCredential(CredentialKind kind) {
    switch (kind) {
      case V3_API_SECRET:
        return KitCredential.v3Secret("x");
      case V4_API_KEY:
        return KitCredential.v4ApiKey("x");
      default:
        return KitCredential.oauthToken("x", "oauth:bench");
    }
  }

  private static int open(IntegrationEngine engine) {
    return TestDatabases.countLog(engine, LogQuery.builder().status(ActionStatus.PENDING))
        + TestDatabases.countLog(engine, LogQuery.builder().status(ActionStatus.RETRYING));
  }
}

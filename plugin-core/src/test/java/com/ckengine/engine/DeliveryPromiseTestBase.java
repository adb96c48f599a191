package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitAccount;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitPurchasePage;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitSubscriber;
import com.ckengine.kit.KitSubscription;
import com.ckengine.kit.KitTag;
import com.ckengine.kit.Purchase;
import com.ckengine.kit.TagSubscriberRequest;
import com.ckengine.sandbox.KitSandbox;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture the delivery promise tests (and other engine tests against Kit) share: the Kit
 * sandbox over HTTP with one account, an HSQLDB database, engines built with short timings and
 * closed after each test, and small helpers (log look-ups, events, leases, a Kit client that passes
 * calls on; rules come from {@link PurchaseRules}). A test states what its engine needs beyond the
 * short timings on {@link #engineBuilder}. Each promise has its own class; other tests borrow the
 * static helpers.
 */
abstract class DeliveryPromiseTestBase {
  static final String KEY = SecretCipher.generateKey();

  KitSandbox sandbox;
  EntityManagerFactory emf;
  String secret;
  final List<IntegrationEngine> engines = new ArrayList<IntegrationEngine>();

  @BeforeEach
  void setUp() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    secret = sandbox.createAccount("Shop", "owner@shop.example");
    sandbox.registerOAuthApp(OAUTH_CLIENT, "shop-secret", "http://localhost:9/callback");
    emf = TestDatabases.hsqldb();
  }

  @AfterEach
  void tearDown() {
    for (IntegrationEngine e : engines) e.close();
    emf.close();
    sandbox.close();
  }

  KitClient client() {
    return KitClient.builder()
        .baseUrl(sandbox.baseUrl())
        .v4BaseUrl(sandbox.v4BaseUrl())
        .readTimeout(Duration.ofSeconds(1))
        .callTimeout(Duration.ofSeconds(2))
        .build();
  }

  IntegrationEngine.Builder engineBuilder(KitClient client, String node) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(client)
        .kitOAuth(
            client.oauth(),
            com.ckengine.kit.OAuthApp.of(OAUTH_CLIENT, "shop-secret"),
            "http://localhost:9/callback")
        .secretKey(KEY)
        .nodeId(node)
        .pollInterval(Duration.ofMillis(100))
        .retryBaseDelay(Duration.ofMillis(200))
        .retryMaxDelay(Duration.ofMillis(400))
        .rateWindow(Duration.ofSeconds(1))
        .kitCallBudget(Duration.ofSeconds(3))
        .leaseDuration(Duration.ofSeconds(6));
  }

  IntegrationEngine engine(IntegrationEngine.Builder b) {
    IntegrationEngine e = b.build();
    engines.add(e);
    return e;
  }

  /**
   * Which Kit credential the promise tests connect with: {@code -Dckengine.test.credential=v3} (the
   * default), {@code v4key} or {@code oauth}. The build runs the promises once per kind
   * (plugin-core's pom, executions {@code promises-v4key} and {@code promises-oauth}).
   */
  static final String CREDENTIAL = System.getProperty("ckengine.test.credential", "v3");

  static final String OAUTH_CLIENT = "shop-app";

  long connect(IntegrationEngine e) {
    switch (CREDENTIAL) {
      case "v4key":
        return e.integrations().connect("Main", sandbox.v4ApiKey(secret)).id();
      case "oauth":
        KitSandbox.OAuthTokens granted = sandbox.grantOAuthTokens(OAUTH_CLIENT, secret);
        return e.integrations()
            .connectWithTokens(
                "Main",
                new com.ckengine.kit.OAuthTokens(
                    granted.accessToken(), granted.refreshToken(), null))
            .id();
      case "v3":
        return e.integrations().connect("Main", secret).id();
      default:
        throw new IllegalArgumentException("ckengine.test.credential=" + CREDENTIAL);
    }
  }

  static List<LogEntry> log(IntegrationEngine e, String reference) {
    return e.log().search(LogQuery.builder().reference(reference).build()).entries();
  }

  static boolean finalIn(IntegrationEngine e, String reference) {
    List<LogEntry> l = log(e, reference);
    if (l.isEmpty()) return false;
    for (LogEntry x : l) if (x.status().isOpen()) return false;
    return true;
  }

  static StoreEvent refundFor(String order, String email) {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_REFUNDED)
        .occurredAt(Instant.now())
        .email(email)
        .reference(order)
        .eventKey("order:" + order + ":refunded")
        .currency("USD")
        .addLine(EventLine.builder().productId(1).name("P").unitPrice(BigDecimal.ONE).build())
        .build();
  }

  static StoreEvent refund(String order) {
    return refundFor(order, "buyer@example.com");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  Leases leases(String owner, Clock clock) {
    return new Leases(new Jpa(emf), clock, owner, 10_000, 1_000, 4_000);
  }

  static Purchase simplePurchase(String tx) {
    return Purchase.builder()
        .transactionId(tx)
        .emailAddress("seed@example.com")
        .currency("USD")
        .transactionTime(Instant.now())
        .addProduct(
            com.ckengine.kit.PurchaseLine.builder()
                .pid(1)
                .lid(1)
                .name("P")
                .sku("P1")
                .unitPrice(BigDecimal.ONE)
                .quantity(1)
                .build())
        .build();
  }

  /** Passes every call to another client. */
  static class DelegatingKit implements KitClient {
    final KitClient d;

    DelegatingKit(KitClient d) {
      this.d = d;
    }

    @Override
    public KitResult<KitAccount> account(KitCredential s) {
      return d.account(s);
    }

    @Override
    public com.ckengine.kit.KitOAuth oauth() {
      return d.oauth();
    }

    @Override
    public KitResult<List<KitTag>> listTags(KitCredential s) {
      return d.listTags(s);
    }

    @Override
    public KitResult<KitTag> createTag(KitCredential s, String name) {
      return d.createTag(s, name);
    }

    @Override
    public KitResult<KitSubscription> tagSubscriber(KitCredential s, TagSubscriberRequest r) {
      return d.tagSubscriber(s, r);
    }

    @Override
    public KitResult<List<com.ckengine.kit.KitListItem>> list(
        KitCredential s, com.ckengine.kit.Subscribable what) {
      return d.list(s, what);
    }

    @Override
    public KitResult<List<com.ckengine.kit.KitCustomField>> listCustomFields(KitCredential s) {
      return d.listCustomFields(s);
    }

    @Override
    public KitResult<KitSubscription> subscribe(
        KitCredential s,
        com.ckengine.kit.Subscribable what,
        long id,
        String email,
        String firstName,
        java.util.Map<String, String> fields) {
      return d.subscribe(s, what, id, email, firstName, fields);
    }

    @Override
    public KitResult<KitTag> removeTag(KitCredential s, long tagId, String email) {
      return d.removeTag(s, tagId, email);
    }

    @Override
    public KitResult<KitPurchaseReceipt> recordPurchase(KitCredential s, Purchase p) {
      return d.recordPurchase(s, p);
    }

    @Override
    public KitResult<KitPurchasePage> listPurchases(KitCredential s, String page) {
      return d.listPurchases(s, page);
    }

    @Override
    public KitResult<KitSubscriber> findSubscriber(KitCredential s, String email) {
      return d.findSubscriber(s, email);
    }

    @Override
    public KitResult<com.ckengine.kit.KitBulkSubscribers> bulkUpsertSubscribers(
        KitCredential s, List<com.ckengine.kit.BulkSubscriber> subscribers) {
      return d.bulkUpsertSubscribers(s, subscribers);
    }

    @Override
    public KitResult<com.ckengine.kit.KitBulkTaggings> bulkTagSubscribers(
        KitCredential s, List<com.ckengine.kit.Tagging> taggings) {
      return d.bulkTagSubscribers(s, taggings);
    }

    @Override
    public Duration permitDelay(KitCredential s) {
      return d.permitDelay(s);
    }
  }
}

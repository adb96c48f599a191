package com.ckengine.engine.bench;

import com.ckengine.api.EventLine;
import com.ckengine.api.RuleTag;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.past.PastOrder;
import com.ckengine.api.past.PastOrderCounts;
import com.ckengine.api.past.PastOrderQuery;
import com.ckengine.api.past.PastOrderSource;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.OAuthIntegrations;
import com.ckengine.engine.PastOrderPreview;
import com.ckengine.engine.PastOrderProgress;
import com.ckengine.engine.PastOrderRequest;
import com.ckengine.engine.PastOrderRunStatus;
import com.ckengine.engine.PurchaseRules;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.CredentialKind;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.OAuthApp;
import com.ckengine.kit.OAuthTokens;
import com.ckengine.sandbox.KitSandbox;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManagerFactory;

/**
 * Issue 19's figures: Past Orders over a store of N past orders (a generated source whose counts
 * are arithmetic, so the preview's time is the engine's part: resolving the rules and counting the
 * range's planned actions in CK_ACTION), then a run drained at Kit's real limit (the sandbox's 120
 * requests per 60 s for a v3 API Secret) for a fixed time, with one global Add Tag rule (one call
 * per order). Meanwhile a live order is published every 30 s and timed from publish to DELIVERED,
 * and the progress the admin's page polls is timed. Prints the requests in each 60 s window, the
 * 429s, the projected total time and the live events' delays. With {@code oauth} the integration is
 * connected with an OAuth token (600 requests per 60 s, Add Tag in Kit's bulk calls), and the run
 * is drained to the end within the minutes given. Args: [orders] [minutes] [hsqldb|postgres]
 * [v3|oauth].
 */
public final class PastOrdersBench {
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final Instant FIRST = Instant.parse("2024-01-01T00:00:00Z");
  private static final String REDIRECT = "http://localhost:9/oauth/callback";

  private PastOrdersBench() {}

  public static void main(String[] args) throws Exception {
    int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    boolean pg = args.length > 2 && args[2].equals("postgres");
    boolean oauth = args.length > 3 && args[3].equals("oauth");
    if (pg) Backlogs.requirePostgres();

    // Kit's own limits (the sandbox's defaults): 120 requests per 60 s per v3 account, 600 per
    // OAuth token.
    KitSandbox sandbox = KitSandbox.builder().port(0).build().start();
    sandbox.registerOAuthApp("bench-app", "bench-secret", REDIRECT);
    KitClient.Builder cb =
        KitClient.builder().baseUrl(sandbox.baseUrl()).v4BaseUrl(sandbox.v4BaseUrl());
    KitClient client = cb.build();
    CredentialKind kind = oauth ? CredentialKind.V4_OAUTH_TOKEN : CredentialKind.V3_API_SECRET;
    int limit = cb.rateLimitRequests(kind);
    int share = cb.effectiveOperatorShare(kind);
    EntityManagerFactory emf = pg ? TestDatabases.postgres() : TestDatabases.hsqldb();
    GeneratedOrders store = new GeneratedOrders(orders);
    IntegrationEngine engine =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(client)
            .kitOAuth(client.oauth(), OAuthApp.of("bench-app", "bench-secret"), REDIRECT)
            .secretKey(SecretCipher.generateKey())
            .rateWindow(WINDOW)
            .pastOrderSource(store)
            .build();
    String secret = sandbox.createAccount("Bench", "owner@bench.example");
    RuleTag buyer = RuleTag.of("buyer", sandbox.createTag(secret, "buyer"));
    long integration;
    if (oauth) {
      KitSandbox.OAuthTokens granted = sandbox.grantOAuthTokens("bench-app", secret);
      integration =
          OAuthIntegrations.connect(
                  engine,
                  "Bench",
                  new OAuthTokens(granted.accessToken(), granted.refreshToken(), null))
              .id();
    } else {
      integration = engine.integrations().connect("Bench", secret).id();
    }
    PurchaseRules.addTag(engine, integration, buyer);
    PastOrderRequest request =
        PastOrderRequest.builder()
            .integrationId(integration)
            .range(FIRST, FIRST.plus(Duration.ofDays(365)))
            .allPurchasedRules()
            .build();

    List<Long> previewMillis = new ArrayList<Long>();
    PastOrderPreview preview = null;
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      preview = engine.pastOrders().preview(request);
      previewMillis.add((System.nanoTime() - t) / 1_000_000);
    }
    System.out.printf(
        Locale.ROOT,
        "preview of %d orders (%s): %s ms (5 calls, empty log; the host's counts are arithmetic"
            + " here)%n",
        orders,
        preview,
        previewMillis);

    Thread.sleep(WINDOW.toMillis() + 100); // the connect calls' window passes
    long requests0 = sandbox.requestCount();
    long runId = engine.pastOrders().start(request).runId();
    long t0 = System.nanoTime();
    engine.start();

    List<Long> perWindow = new ArrayList<Long>();
    List<Long> liveDelays = new ArrayList<Long>();
    List<Long> progressNanos = new ArrayList<Long>();
    long lastCount = requests0;
    long nextWindow = t0 + WINDOW.toNanos();
    long nextLive = t0 + Duration.ofSeconds(20).toNanos();
    long end = t0 + Duration.ofMinutes(minutes).toNanos();
    List<long[]> live = new ArrayList<long[]>(); // {live order number, published at nanos}
    int liveNo = 0;
    long drainedAt = 0;
    while (System.nanoTime() < end) {
      long now = System.nanoTime();
      if (drainedAt == 0
          && engine.pastOrders().progress(runId).status() == PastOrderRunStatus.DONE
          && open(engine.pastOrders().progress(runId)) == 0) {
        drainedAt = now;
        break;
      }
      if (now >= nextLive) {
        liveNo++;
        engine.publisher().publish(liveOrder(liveNo));
        live.add(new long[] {liveNo, now});
        nextLive += Duration.ofSeconds(30).toNanos();
      }
      for (java.util.Iterator<long[]> it = live.iterator(); it.hasNext(); ) {
        long[] l = it.next();
        if (delivered(engine, "L" + l[0])) {
          liveDelays.add((System.nanoTime() - l[1]) / 1_000_000);
          it.remove();
        }
      }
      long tp = System.nanoTime();
      engine.pastOrders().progress(runId);
      progressNanos.add(System.nanoTime() - tp);
      if (now >= nextWindow) {
        long c = sandbox.requestCount();
        perWindow.add(c - lastCount);
        lastCount = c;
        nextWindow += WINDOW.toNanos();
      }
      Thread.sleep(500);
    }
    PastOrderProgress p = engine.pastOrders().progress(runId);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long calls = sandbox.requestCount() - requests0;

    // The preview again, now that the log holds the run's actions.
    List<Long> previewAfter = new ArrayList<Long>();
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      engine.pastOrders().preview(request);
      previewAfter.add((System.nanoTime() - t) / 1_000_000);
    }
    if (engine.pastOrders().progress(runId).status().isActive()) engine.pastOrders().cancel(runId);
    engine.close();

    long actionsDone = p.plannedActions() - open(p);
    double perSecond = actionsDone / seconds;
    double projectedMinutes = preview.actions() / perSecond / 60;
    System.out.printf(
        Locale.ROOT,
        "drain %s for %.1f min: %d calls (%d of the run's %d actions finished, %d live orders),"
            + " requests per 60 s window %s (limit %d; the run's share %s), %d answered 429,"
            + " %d of %d orders done; projected total for all %d: %.0f min (%.1f h), time left"
            + " the page shows: %s%n",
        (pg ? "postgres" : "hsqldb") + (oauth ? ", OAuth" : ", v3 API Secret"),
        seconds / 60,
        calls,
        actionsDone,
        preview.actions(),
        liveNo,
        perWindow,
        limit,
        limit - share,
        sandbox.rateLimitedCount(),
        p.done(),
        p.total(),
        orders,
        projectedMinutes,
        projectedMinutes / 60,
        p.timeLeft());
    if (drainedAt != 0) {
      System.out.printf(
          Locale.ROOT,
          "drained: all %d orders' actions final in %.1f min, %d calls, %d answered 429%n",
          orders,
          (drainedAt - t0) / 60e9,
          calls,
          sandbox.rateLimitedCount());
    }
    System.out.printf(
        Locale.ROOT,
        "live orders published during the run, publish to DELIVERED: %s ms (%d not delivered"
            + " at the end); progress() as the page polls it: %s; preview with the run's actions"
            + " in the log: %s ms%n",
        liveDelays,
        live.size(),
        stats(progressNanos).summary(),
        previewAfter);
    emf.close();
    sandbox.close();
  }

  private static Stats stats(List<Long> nanos) {
    long[] a = new long[nanos.size()];
    for (int i = 0; i < a.length; i++) a[i] = nanos.get(i);
    return new Stats(a, a.length);
  }

  private static long open(PastOrderProgress p) {
    Long pending = p.actionsByStatus().get(ActionStatus.PENDING);
    Long retrying = p.actionsByStatus().get(ActionStatus.RETRYING);
    return (pending == null ? 0 : pending) + (retrying == null ? 0 : retrying);
  }

  private static boolean delivered(IntegrationEngine engine, String reference) {
    List<LogEntry> e =
        engine.log().search(LogQuery.builder().reference(reference).build()).entries();
    return !e.isEmpty() && e.get(0).status() == ActionStatus.DELIVERED;
  }

  /** A checkout of now, by a customer of its own. */
  private static StoreEvent liveOrder(int n) {
    return event("L" + n, "live" + n + "@example.com", Instant.now());
  }

  private static StoreEvent event(String number, String email, Instant at) {
    return StoreEvent.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .occurredAt(at)
        .email(email)
        .reference(number)
        .eventKey("order:" + number + ":purchased")
        .currency("USD")
        .addLine(EventLine.builder().productId(1).name("P").unitPrice(BigDecimal.ONE).build())
        .build();
  }

  /**
   * N past orders, one a minute from 2024-01-01, each by a customer of its own; counted without
   * reading them (as a host's aggregate query would), paged by index.
   */
  static final class GeneratedOrders implements PastOrderSource {
    private final int orders;

    GeneratedOrders(int orders) {
      this.orders = orders;
    }

    @Override
    public PastOrderCounts count(PastOrderQuery q) {
      int n = last(q) - first(q);
      return new PastOrderCounts(Math.max(0, n), Math.max(0, n), 0, 0);
    }

    @Override
    public List<PastOrder> page(PastOrderQuery q, String afterPosition, int max) {
      List<PastOrder> out = new ArrayList<PastOrder>();
      int start = afterPosition == null ? first(q) : Integer.parseInt(afterPosition) + 1;
      for (int i = start; i < last(q) && out.size() < max; i++) {
        out.add(
            PastOrder.of(
                String.format(Locale.ROOT, "%08d", i),
                event("P" + i, "past" + i + "@example.com", FIRST.plusSeconds(60L * i))));
      }
      return out;
    }

    /** The first index submitted at or after the query's start. */
    private int first(PastOrderQuery q) {
      long s = Duration.between(FIRST, q.from()).getSeconds();
      return (int) Math.max(0, Math.min(orders, (s + 59) / 60));
    }

    /** One past the last index submitted before the query's end. */
    private int last(PastOrderQuery q) {
      long s = Duration.between(FIRST, q.to()).getSeconds();
      return (int) Math.max(0, Math.min(orders, (s + 59) / 60));
    }
  }
}

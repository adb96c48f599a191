package com.ckengine.engine;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.EventPublisher;
import com.ckengine.engine.store.DatabaseClock;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitOAuth;
import com.ckengine.kit.OAuthApp;
import java.io.Closeable;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The composition root: built once per process from an EntityManagerFactory (the host's own
 * persistence unit with the engine's entities in it), a {@link KitClient} and the secret key; hands
 * out the {@link #publisher()}, {@link #integrations()}, {@link #rules()} and {@link #log()};
 * {@link #start()} starts the background delivery, {@link #close()} stops it.
 *
 * <p>Every default lives in {@link Builder}, and only there.
 */
public final class IntegrationEngine implements Closeable {
  private static final Log LOG = LogFactory.getLog(IntegrationEngine.class);

  private final String owner;
  private final long shutdownWaitMillis;
  private final RuleService rules;
  private final IntegrationService integrations;
  private final Outbox outbox;
  private final IntegrationLog log;
  private final LogExplainer explainer;
  private final LogActions logActions;
  private final UnstoredEvents unstored;
  private final DeliveryWorker worker;
  private final Housekeeping housekeeping;
  private final OAuthConnections oauth;
  private final FieldMappings fieldMappings;
  private final PastOrders pastOrders;
  private final PastOrderFeeder pastOrderFeeder;

  private IntegrationEngine(Builder b) {
    Jpa jpa = new Jpa(b.emf);
    Clock clock =
        b.databaseClock ? new DatabaseClock(b.emf, b.clock, b.clockResync.toMillis()) : b.clock;
    SecretCipher cipher = SecretCipher.fromBase64Key(b.secretKey).withPreviousKeys(b.previousKeys);
    this.owner = b.nodeId + "#" + UUID.randomUUID().toString().substring(0, 8);
    this.shutdownWaitMillis = b.shutdownWait.toMillis();
    this.rules = new RuleService(jpa, clock);
    Leases leases =
        new Leases(
            jpa,
            clock,
            owner,
            b.leaseDuration.toMillis(),
            b.kitCallBudget.toMillis(),
            b.rateWindow.toMillis());
    // An operator's calls (Verify, Refresh) keep one budget per Kit key with delivery's on any
    // node:
    // the share of the window kept for them, or the whole window under the integration's lease.
    OAuthTokenKeeper tokens = new OAuthTokenKeeper(jpa, cipher, b.kitOAuth, b.oauthApp, clock);
    this.integrations =
        new IntegrationService(
            jpa, new OperatorCalls(b.kit, leases, clock), cipher, clock, rules, tokens);
    this.oauth =
        new OAuthConnections(b.kitOAuth, b.oauthApp, b.oauthRedirectUri, integrations, clock);
    ActionStore store = new ActionStore(jpa);
    // Publishing and retrying wake the poller; the worker is built below, hence the indirection.
    Runnable wake = () -> IntegrationEngine.this.worker.wake();
    this.unstored = new UnstoredEvents(jpa, clock);
    this.outbox =
        new Outbox(b.emf, store, rules, unstored, clock, b.prospectDelay.toMillis(), wake);
    Duration retentionAge = retentionAge(b.retentionAge, b.sweepLookback);
    LogRetention retention = new LogRetention(store, clock, retentionAge.toMillis(), 1000);
    this.log = new IntegrationLog(jpa);
    this.explainer = new LogExplainer(jpa, rules, retentionAge);
    this.logActions = new LogActions(store, rules, clock, wake, retention);
    TagResolver tags = new TagResolver(jpa, clock, b.absentTagMemory.toMillis());
    this.fieldMappings = new FieldMappings(jpa);
    integrations.onTagsRefreshed(tags::forget);
    DeliverAction deliver =
        new DeliverAction(
            store,
            integrations,
            cipher,
            new RetryPolicy(
                new Backoff(b.retryBase.toMillis(), b.retryMax.toMillis(), new SecureRandom()),
                b.retryHorizon.toMillis()),
            b.deliveryGuard,
            clock,
            tags,
            new PurchaseReconciler(b.reconcileMaxPages),
            fieldMappings);
    this.worker =
        new DeliveryWorker(
            store,
            leases,
            deliver,
            new DeliverTagBatch(store, integrations, deliver, tags, fieldMappings, clock),
            b.kit,
            clock,
            new DeliveryWorker.Settings(
                b.pollInterval.toMillis(),
                b.workerThreads,
                b.callsInFlight,
                b.batchSize,
                b.sliceActions,
                b.sliceTime.toMillis(),
                b.parkAbove.toMillis()));
    this.pastOrderFeeder =
        new PastOrderFeeder(
            jpa,
            b.pastOrderSource,
            rules,
            clock,
            owner,
            b.leaseDuration.toMillis(),
            b.pastOrderTick.toMillis(),
            wake);
    this.pastOrders =
        new PastOrders(
            jpa,
            b.pastOrderSource,
            integrations,
            rules,
            clock,
            kind ->
                b.pastOrderCallsPerWindow.get(
                    kind == null ? com.ckengine.kit.CredentialKind.V3_API_SECRET : kind),
            b.rateWindow,
            pastOrderFeeder::wake);
    this.housekeeping =
        new Housekeeping(
            rules,
            store,
            clock,
            b.ruleRefresh.toMillis(),
            b.retentionInterval.toMillis(),
            retention,
            b.purchaseRecordRetention.toMillis());
  }

  /**
   * The retention age in force: the configured one, or the sweeps' look-back plus a margin when
   * that is longer (an event a sweep can still see is never purged; {@link CatchUpWindow}).
   */
  static Duration retentionAge(Duration configured, Duration sweepLookback) {
    Duration floor = CatchUpWindow.retentionFloor(sweepLookback);
    if (configured.compareTo(floor) >= 0) return configured;
    LOG.warn(
        "log retention of "
            + describe(configured)
            + " (ckengine.log.retentionDays) is shorter than the sweeps' look-back of "
            + describe(sweepLookback)
            + " (ckengine.sweeps.lookbackHours) plus a margin of "
            + describe(CatchUpWindow.RETENTION_MARGIN)
            + ": keeping events "
            + describe(floor)
            + " instead, so a sweep never publishes an event the log has forgotten");
    return floor;
  }

  private static String describe(Duration d) {
    return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where the host publishes store events. Works whether or not delivery is started. */
  public EventPublisher publisher() {
    return outbox;
  }

  public IntegrationService integrations() {
    return integrations;
  }

  /** Which store fields go to which of each Kit account's custom fields. */
  public FieldMappings fieldMappings() {
    return fieldMappings;
  }

  /** "Connect with Kit": OAuth for a store that registered its own Kit app. */
  public OAuthConnections oauth() {
    return oauth;
  }

  public RuleService rules() {
    return rules;
  }

  /** Events a host published that could not be stored: the operator's list, and Retry. */
  public UnstoredEvents unstoredEvents() {
    return unstored;
  }

  public IntegrationLog log() {
    return log;
  }

  /** Logs' "Why?": why an email's events did or did not lead to each action, per rule. */
  public LogExplainer explainer() {
    return explainer;
  }

  /** What an operator does to the log: Retry, Send anyway, retention now. */
  public LogActions logActions() {
    return logActions;
  }

  /** Past Orders: preview, start, pause, resume and cancel runs over the host's past orders. */
  public PastOrders pastOrders() {
    return pastOrders;
  }

  /** This engine's name in the delivery leases: the node id and this start's incarnation. */
  public String nodeId() {
    return owner;
  }

  /** Starts background delivery and housekeeping (idempotent). */
  public void start() {
    housekeeping.start();
    worker.start();
    pastOrderFeeder.start();
    LOG.info("ConvertKit Integration Engine delivering as " + owner);
  }

  /** True while background delivery runs. */
  public boolean isDelivering() {
    return worker.isRunning();
  }

  /**
   * Stops background delivery, letting calls in flight finish for a few seconds. The
   * EntityManagerFactory and the Kit client belong to the caller and stay open.
   */
  @Override
  public void close() {
    pastOrderFeeder.stop();
    worker.stop(shutdownWaitMillis);
    housekeeping.stop();
  }

  /** Runs retention now (tests, operations). */
  void runRetention() {
    housekeeping.retention();
  }

  /**
   * Configures an {@link IntegrationEngine}. Required: {@link #entityManagerFactory}, {@link
   * #kitClient} and {@link #secretKey}. The defaults suit Kit's real limits.
   */
  public static final class Builder {
    private EntityManagerFactory emf;
    private KitClient kit;
    private String secretKey;
    private Clock clock = Clock.systemUTC();
    private String nodeId = defaultNodeId();
    private int workerThreads = 2;
    private int callsInFlight = 16;
    private int batchSize = 50;
    private Duration pollInterval = Duration.ofSeconds(1);
    private boolean databaseClock = true;
    private Duration clockResync = Duration.ofSeconds(10);
    private List<String> previousKeys = new ArrayList<String>();
    // A lease is renewed before a call unless callBudget + rateWindow (150 s) of it remain, so it
    // must be longer than that; 5 min renews about every 2.5 min while busy.
    private Duration leaseDuration = Duration.ofMinutes(5);
    // The longest one Kit call can take: a permit wait of up to 30 s (the client's bound), then a
    // 30 s call timeout, twice (a read retried once on a fresh connection).
    private Duration kitCallBudget = Duration.ofSeconds(90);
    private Duration rateWindow = Duration.ofSeconds(60);
    private Duration parkAbove = Duration.ofSeconds(2);
    private int sliceActions = 50;
    private Duration sliceTime = Duration.ofSeconds(30);
    private Duration absentTagMemory = Duration.ofMinutes(10);
    private int reconcileMaxPages = 20;
    private Duration purchaseRecordRetention = Duration.ofDays(400);
    private Duration retryBase = Duration.ofSeconds(30);
    private Duration retryMax = Duration.ofHours(1);
    private Duration retryHorizon = Duration.ofDays(3);
    private Duration prospectDelay = Duration.ofHours(2);
    private Duration ruleRefresh = Duration.ofSeconds(5);
    private Duration retentionAge = Duration.ofDays(30);
    private Duration sweepLookback = CatchUpWindow.DEFAULT_LOOKBACK;
    private Duration retentionInterval = Duration.ofHours(1);
    private Duration shutdownWait = Duration.ofSeconds(5);
    private DeliveryGuard deliveryGuard = DeliveryGuard.NONE;
    private KitOAuth kitOAuth;
    private OAuthApp oauthApp;
    private String oauthRedirectUri;
    private com.ckengine.api.past.PastOrderSource pastOrderSource;
    private Duration pastOrderTick = Duration.ofSeconds(1);
    // Kit's limits per key less the operator's share (KitClient's defaults): a run keeps at most
    // this many actions in the outbox, one window's worth.
    private final java.util.Map<com.ckengine.kit.CredentialKind, Integer> pastOrderCallsPerWindow =
        new java.util.EnumMap<com.ckengine.kit.CredentialKind, Integer>(
            com.ckengine.kit.CredentialKind.class);

    {
      pastOrderCallsPerWindow.put(com.ckengine.kit.CredentialKind.V3_API_SECRET, 116);
      pastOrderCallsPerWindow.put(com.ckengine.kit.CredentialKind.V4_API_KEY, 116);
      pastOrderCallsPerWindow.put(com.ckengine.kit.CredentialKind.V4_OAUTH_TOKEN, 580);
    }

    /** The host's past orders, for Past Orders runs; without it they are not offered. */
    public Builder pastOrderSource(com.ckengine.api.past.PastOrderSource source) {
      this.pastOrderSource = source;
      return this;
    }

    /** How often a delivering node tops running past-orders runs up (default 1 s). */
    public Builder pastOrderTick(Duration d) {
      this.pastOrderTick = positive(d, "pastOrderTick");
      return this;
    }

    /**
     * The Kit calls per rate window a past-orders run of an integration with this credential paces
     * itself to: it keeps at most that many actions in the outbox (defaults: Kit's 120 per key less
     * the operator's 4; 600 per OAuth token less 20). Set it to the client's limit when that was
     * changed.
     */
    public Builder pastOrderCallsPerWindow(com.ckengine.kit.CredentialKind kind, int calls) {
      if (kind == null || calls < 1) throw new IllegalArgumentException("pastOrderCallsPerWindow");
      pastOrderCallsPerWindow.put(kind, calls);
      return this;
    }

    private Builder() {}

    /** The persistence unit holding the engine's entities (the host's blPU). */
    public Builder entityManagerFactory(EntityManagerFactory emf) {
      this.emf = emf;
      return this;
    }

    public Builder kitClient(KitClient kit) {
      this.kit = kit;
      return this;
    }

    /**
     * The store's own Kit app, for "Connect with Kit" (OAuth) and for refreshing and revoking the
     * tokens of integrations connected that way. Without it only pasted credentials connect.
     *
     * @param redirectUri where Kit sends the operator back (one of the app's redirect URIs in Kit),
     *     or null for the admin's own callback URL
     */
    public Builder kitOAuth(KitOAuth oauth, OAuthApp app, String redirectUri) {
      this.kitOAuth = oauth;
      this.oauthApp = app;
      this.oauthRedirectUri = redirectUri;
      return this;
    }

    /** Base64 of the 256-bit key that encrypts API secrets at rest (ckengine.secretKey). */
    public Builder secretKey(String base64Key) {
      this.secretKey = base64Key;
      return this;
    }

    /**
     * This node's clock; the engine reads time from the database's clock, measured against this one
     * (see {@link DatabaseClock}). Default the system clock.
     */
    public Builder clock(Clock clock) {
      this.clock = nonNull(clock, "clock");
      return this;
    }

    /**
     * Use the node clock as it is, not the database's: for tests that move time by hand, and for a
     * single node. Default false.
     */
    public Builder useNodeClock() {
      this.databaseClock = false;
      return this;
    }

    /** Keys that encrypted secrets before {@link #secretKey} (rotation); read, never written. */
    public Builder previousSecretKeys(List<String> base64Keys) {
      this.previousKeys = new ArrayList<String>(nonNull(base64Keys, "previousSecretKeys"));
      return this;
    }

    /**
     * The longest one Kit call can take, permit wait and timeouts included (default 90 s: the
     * client's 30 s permit bound plus two 30 s call timeouts). Leases are sized from it.
     */
    public Builder kitCallBudget(Duration d) {
      this.kitCallBudget = positive(d, "kitCallBudget");
      return this;
    }

    /**
     * When this process's limiter would hold a call longer than this, the integration is parked
     * until the permit is free instead of holding a thread; default 2 s.
     */
    public Builder parkAbove(Duration d) {
      this.parkAbove = nonNull(d, "parkAbove");
      return this;
    }

    /** A drain yields its thread after this many actions or this long; default 50 and 30 s. */
    public Builder deliverySlice(int actions, Duration time) {
      if (actions < 1) throw new IllegalArgumentException("slice actions must be at least 1");
      this.sliceActions = actions;
      this.sliceTime = positive(time, "slice time");
      return this;
    }

    /** How long a tag found absent from Kit is not looked up again; default 10 min. */
    public Builder absentTagMemory(Duration d) {
      this.absentTagMemory = nonNull(d, "absentTagMemory");
      return this;
    }

    /** Most pages of Kit's purchases read to reconcile a purchase in doubt; default 20. */
    public Builder reconcileMaxPages(int pages) {
      if (pages < 1) throw new IllegalArgumentException("reconcileMaxPages must be at least 1");
      this.reconcileMaxPages = pages;
      return this;
    }

    /**
     * How long the record of a purchase sent to Kit is kept (it stops the same purchase being sent
     * twice); default 400 days. Orders older than this are never published again.
     */
    public Builder purchaseRecordRetention(Duration d) {
      this.purchaseRecordRetention = positive(d, "purchaseRecordRetention");
      return this;
    }

    /** This node's name in delivery leases; default host name, process id and a random suffix. */
    public Builder nodeId(String nodeId) {
      if (nodeId == null || nodeId.trim().isEmpty() || nodeId.length() > 100) {
        throw new IllegalArgumentException("nodeId must be 1 to 100 characters");
      }
      this.nodeId = nodeId;
      return this;
    }

    /** Integrations delivered in parallel by this node; default 2. */
    public Builder workerThreads(int n) {
      if (n < 1) throw new IllegalArgumentException("workerThreads must be at least 1");
      this.workerThreads = n;
      return this;
    }

    /**
     * Kit calls one integration may have in flight at once (one at a time per subscriber); default
     * 16. Kit's limit counts requests per window, so a drain that waited for each answer would fall
     * behind it by the answers' latency: at 300 ms, one call at a time needs 36 s for a window's
     * 120 calls, 16 in flight 2.3 s (docs/benchmarks-engine.md).
     */
    /**
     * The calls in flight per integration this builder is set to (see {@link #callsInFlight(int)}).
     */
    public int callsInFlight() {
      return callsInFlight;
    }

    public Builder callsInFlight(int n) {
      if (n < 1) throw new IllegalArgumentException("callsInFlight must be at least 1");
      this.callsInFlight = n;
      return this;
    }

    /** Actions read per query while draining an integration; default 50. */
    public Builder batchSize(int n) {
      if (n < 1) throw new IllegalArgumentException("batchSize must be at least 1");
      this.batchSize = n;
      return this;
    }

    /** How often workers look for due actions when not woken by a publish; default 1 s. */
    public Builder pollInterval(Duration d) {
      this.pollInterval = positive(d, "pollInterval");
      return this;
    }

    /**
     * How long an integration's delivery lease lasts without renewal; a crashed node's integrations
     * are taken over after it. Must exceed one Kit call including its rate-limit wait. Default 2
     * min.
     */
    public Builder leaseDuration(Duration d) {
      this.leaseDuration = positive(d, "leaseDuration");
      return this;
    }

    /**
     * Kit's rate-limit window (60 s): a lease is handed over only this long after its last call.
     */
    public Builder rateWindow(Duration d) {
      this.rateWindow = nonNull(d, "rateWindow");
      return this;
    }

    /** First retry delay (doubling, with jitter); default 30 s. */
    public Builder retryBaseDelay(Duration d) {
      this.retryBase = positive(d, "retryBaseDelay");
      return this;
    }

    /** Longest retry delay; default 1 h. */
    public Builder retryMaxDelay(Duration d) {
      this.retryMax = positive(d, "retryMaxDelay");
      return this;
    }

    /** How long retryable failures are retried before the action fails for good; default 3 days. */
    public Builder retryHorizon(Duration d) {
      this.retryHorizon = positive(d, "retryHorizon");
      return this;
    }

    /**
     * Delay of Prospect Created actions (cancelled if the cart is bought meanwhile); default 2 h.
     */
    public Builder prospectDelay(Duration d) {
      this.prospectDelay = nonNull(d, "prospectDelay");
      return this;
    }

    /** How often other nodes' rule changes are looked for; default 5 s. */
    public Builder ruleRefreshInterval(Duration d) {
      this.ruleRefresh = nonNull(d, "ruleRefreshInterval");
      return this;
    }

    /**
     * How long the integration log keeps an event after it was received; default 30 days. Never
     * less than {@link #sweepLookback} plus {@link CatchUpWindow#RETENTION_MARGIN}: a shorter age
     * is raised to that, with a warning. Events with an action still to deliver, FAILED or in doubt
     * are kept whatever their age.
     */
    public Builder retentionAge(Duration d) {
      this.retentionAge = positive(d, "retentionAge");
      return this;
    }

    /**
     * The longest look-back of the host's catch-up sweeps (the storefront's order and refund
     * sweeps; {@code ckengine.sweeps.lookbackHours}), which republish what they find without a
     * stored event; default {@link CatchUpWindow#DEFAULT_LOOKBACK}. Retention keeps events at least
     * this long plus a margin.
     */
    public Builder sweepLookback(Duration d) {
      if (nonNull(d, "sweepLookback").isNegative()) {
        throw new IllegalArgumentException("sweepLookback must not be negative");
      }
      this.sweepLookback = d;
      return this;
    }

    /** How often retention runs; default hourly. */
    public Builder retentionInterval(Duration d) {
      this.retentionInterval = positive(d, "retentionInterval");
      return this;
    }

    /**
     * Asked when a delayed action (Prospect Created) comes due whether its event still holds;
     * default: never objects.
     */
    public Builder deliveryGuard(DeliveryGuard guard) {
      this.deliveryGuard = nonNull(guard, "deliveryGuard");
      return this;
    }

    public Builder shutdownWait(Duration d) {
      this.shutdownWait = nonNull(d, "shutdownWait");
      return this;
    }

    /**
     * @throws IllegalStateException when a required part is missing
     * @throws SecretCipher.SecretKeyException when the key is missing or malformed
     */
    public IntegrationEngine build() {
      if (emf == null) throw new IllegalStateException("entityManagerFactory is required");
      if (kit == null) throw new IllegalStateException("kitClient is required");
      if (leaseDuration.compareTo(kitCallBudget.plus(rateWindow)) <= 0) {
        throw new IllegalStateException(
            "leaseDuration must be longer than kitCallBudget plus rateWindow: a lease must outlast "
                + "any call in flight and one rate window after it");
      }
      return new IntegrationEngine(this);
    }

    private static String defaultNodeId() {
      String jvm = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
      String id = jvm + "-" + UUID.randomUUID().toString().substring(0, 8);
      return id.length() > 100 ? id.substring(0, 100) : id;
    }

    private static <T> T nonNull(T v, String name) {
      if (v == null) throw new NullPointerException(name);
      return v;
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}

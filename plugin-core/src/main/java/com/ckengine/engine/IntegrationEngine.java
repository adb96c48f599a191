package com.ckengine.engine;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.EventPublisher;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import java.io.Closeable;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.persistence.EntityManagerFactory;

/**
 * The composition root: built once per process from an EntityManagerFactory (the host's own
 * persistence unit with the engine's entities in it), a {@link KitClient} and the secret key; hands
 * out the {@link #publisher()}, {@link #integrations()}, {@link #rules()} and {@link #log()};
 * {@link #start()} starts the background delivery, {@link #close()} stops it.
 *
 * <p>Plain builder and getters, so a host can wire it from Spring XML with a factory bean.
 */
public final class IntegrationEngine implements Closeable {
  private static final Logger LOG = Logger.getLogger(IntegrationEngine.class.getName());

  private final Settings settings;
  private final RuleService rules;
  private final IntegrationService integrations;
  private final Outbox outbox;
  private final IntegrationLog log;
  private final DeliveryWorker worker;

  private IntegrationEngine(Builder b) {
    this.settings = new Settings(b);
    Jpa jpa = new Jpa(b.emf);
    SecretCipher cipher = SecretCipher.fromBase64Key(b.secretKey);
    this.rules = new RuleService(jpa, b.clock, b.ruleRefresh.toMillis());
    this.integrations = new IntegrationService(jpa, b.kit, cipher, b.clock, rules);
    // Publishing and retrying wake the poller; the worker is built below, hence the indirection.
    final Runnable wake =
        new Runnable() {
          @Override
          public void run() {
            IntegrationEngine.this.worker.wake();
          }
        };
    this.outbox = new Outbox(jpa, rules, b.clock, b.prospectDelay.toMillis(), wake);
    this.log = new IntegrationLog(jpa, b.clock, wake);
    Delivery delivery =
        new Delivery(
            jpa,
            b.kit,
            cipher,
            integrations,
            b.clock,
            new Backoff(b.retryBase.toMillis(), b.retryMax.toMillis(), new SecureRandom()),
            b.claimDuration.toMillis(),
            b.retryHorizon.toMillis());
    Leases leases = new Leases(jpa, b.clock, b.nodeId, b.leaseDuration.toMillis());
    this.worker =
        new DeliveryWorker(
            delivery,
            leases,
            b.clock,
            b.pollInterval.toMillis(),
            b.leaseDuration.toMillis(),
            b.rateWindow.toMillis(),
            b.workerThreads,
            b.batchSize,
            housekeeping(b.clock, b.retentionInterval.toMillis(), b.retentionKeep));
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

  public RuleService rules() {
    return rules;
  }

  public IntegrationLog log() {
    return log;
  }

  /** This node's id in the delivery leases. */
  public String nodeId() {
    return settings.nodeId;
  }

  /** Starts background delivery (idempotent). */
  public void start() {
    worker.start();
  }

  /**
   * Stops background delivery, letting calls in flight finish for a few seconds. The
   * EntityManagerFactory and the Kit client belong to the caller and stay open.
   */
  @Override
  public void close() {
    worker.stop(settings.shutdownWaitMillis);
  }

  private Runnable housekeeping(final Clock clock, final long everyMillis, final int keep) {
    final AtomicLong last = new AtomicLong(clock.millis());
    return new Runnable() {
      @Override
      public void run() {
        try {
          // Keeps the rule index fresh in the background, so a publish seldom pays for the check.
          rules.index();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "refreshing the rule index failed", e);
        }
        long now = clock.millis();
        long prev = last.get();
        if (now - prev < everyMillis || !last.compareAndSet(prev, now)) return;
        try {
          int n = log.purge(keep, 1000);
          if (n > 0) LOG.info("retention: deleted " + n + " old events from the integration log");
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "retention of the integration log failed", e);
        }
      }
    };
  }

  /** The values the engine runs with, fixed at build time. */
  private static final class Settings {
    final String nodeId;
    final long shutdownWaitMillis;

    Settings(Builder b) {
      this.nodeId = b.nodeId;
      this.shutdownWaitMillis = b.shutdownWait.toMillis();
    }
  }

  /**
   * Configures an {@link IntegrationEngine}. Required: {@link #entityManagerFactory}, {@link
   * #kitClient} and {@link #secretKey}. The defaults suit Kit's real limits.
   */
  public static final class Builder {
    /** Fewest events retention keeps, whatever is configured. */
    public static final int MIN_RETENTION = 1000;

    private EntityManagerFactory emf;
    private KitClient kit;
    private String secretKey;
    private Clock clock = Clock.systemUTC();
    private String nodeId = defaultNodeId();
    private int workerThreads = 2;
    private int batchSize = 50;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration leaseDuration = Duration.ofMinutes(2);
    private Duration claimDuration = Duration.ofMinutes(5);
    private Duration rateWindow = Duration.ofSeconds(60);
    private Duration retryBase = Duration.ofSeconds(30);
    private Duration retryMax = Duration.ofHours(1);
    private Duration retryHorizon = Duration.ofDays(3);
    private Duration prospectDelay = Duration.ofHours(2);
    private Duration ruleRefresh = Duration.ofSeconds(5);
    private int retentionKeep = 10000;
    private Duration retentionInterval = Duration.ofHours(1);
    private Duration shutdownWait = Duration.ofSeconds(5);
    private DeliveryGuard deliveryGuard = DeliveryGuard.NONE;

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

    /** Base64 of the 256-bit key that encrypts API secrets at rest (ckengine.secretKey). */
    public Builder secretKey(String base64Key) {
      this.secretKey = base64Key;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = nonNull(clock, "clock");
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
     * How long one claimed action stays claimed; a crashed node's action is retried after it.
     * Default 5 min.
     */
    public Builder claimDuration(Duration d) {
      this.claimDuration = positive(d, "claimDuration");
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

    /** Newest events the log keeps at least; default 10,000, at least {@link #MIN_RETENTION}. */
    public Builder retentionEvents(int keep) {
      if (keep < MIN_RETENTION) {
        throw new IllegalArgumentException("retentionEvents must be at least " + MIN_RETENTION);
      }
      this.retentionKeep = keep;
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
      if (claimDuration.compareTo(leaseDuration) < 0) {
        throw new IllegalStateException("claimDuration must not be shorter than leaseDuration");
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

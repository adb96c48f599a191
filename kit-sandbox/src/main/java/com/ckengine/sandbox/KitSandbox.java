package com.ckengine.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An offline Kit: serves Kit's v3 API on {@code http://localhost:PORT/v3/} and its v4 API (with
 * OAuth) on {@code /v4/}, both over the same accounts, the state page on {@code /} and fault
 * injection on {@code /sandbox/}.
 *
 * <pre>{@code
 * KitSandbox kit = KitSandbox.builder().port(0).rateLimit(120, Duration.ofSeconds(60)).build();
 * kit.start();
 * String secret = kit.createAccount("Demo Store", "owner@example.com");
 * // point the client at kit.baseUrl() with that secret
 * kit.close();
 * }</pre>
 *
 * <p>Built with {@link Builder#idleConnectionTimeout}, it closes idle keep-alive connections as the
 * edges in front of real APIs do. Faults can be injected before acting ({@link #failNext}, {@link
 * #delayResponses}) or after a write was applied ({@link #failNextAfterApplying} and its siblings),
 * for clients that must tell "Kit refused" from "Kit may have acted".
 *
 * <p>Listens on the loopback interface only. Thread-safe.
 */
public final class KitSandbox implements Closeable {
  private final int requestedPort;
  private final Duration idleConnectionTimeout;
  private final SandboxStore store = new SandboxStore();
  private final Faults faults = new Faults();
  private final ApiTraffic traffic;
  private final OAuthStore oauth;
  private final V3Handler v3;
  private final V4Handler v4;
  private HttpServer server;
  private IdleEdge edge;
  private ExecutorService executor;

  private KitSandbox(Builder b) {
    this.requestedPort = b.port;
    this.idleConnectionTimeout = b.idleConnectionTimeout;
    this.traffic =
        new ApiTraffic(
            new WindowLimit(b.limit, b.window.toNanos()),
            new WindowLimit(b.limit == 0 ? 0 : b.oauthLimit, b.oauthWindow.toNanos()));
    this.oauth = new OAuthStore(store, b.oauthTokenLifetime);
    this.v3 = new V3Handler(store, traffic, faults);
    this.v4 = new V4Handler(store, oauth, traffic, faults);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening. */
  public synchronized KitSandbox start() {
    if (server != null) throw new IllegalStateException("already started");
    // The JDK server writes headers and body in two segments; with Nagle's algorithm on, the
    // second waits for the client's delayed ACK, some 40 ms per call. Read when the first
    // server of the JVM is made, so set here unless the embedding JVM decided otherwise.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // Behind an edge that closes idle connections, the server itself listens on a free port.
    int serverPort = idleConnectionTimeout == null ? requestedPort : 0;
    try {
      server = HttpServer.create(new InetSocketAddress(loopback, serverPort), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + serverPort, e);
    }
    // Unbounded so that an injected delay never starves other requests; daemon so a forgotten
    // sandbox does not keep a JVM alive.
    executor =
        Executors.newCachedThreadPool(
            new ThreadFactory() {
              private final AtomicInteger count = new AtomicInteger();

              @Override
              public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "kit-sandbox-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
              }
            });
    server.setExecutor(executor);
    server.createContext("/v3/", v3);
    server.createContext("/v4/", v4);
    server.createContext("/v4/oauth/", new OAuthHandler(store, oauth));
    server.createContext("/sandbox/", new AdminHandler(this));
    server.createContext("/", new StatePage(store, this));
    server.start();
    if (idleConnectionTimeout != null) {
      try {
        edge =
            new IdleEdge(
                loopback,
                requestedPort,
                new InetSocketAddress(loopback, server.getAddress().getPort()),
                idleConnectionTimeout.toNanos());
      } catch (RuntimeException e) {
        server.stop(0);
        executor.shutdownNow();
        server = null;
        throw e;
      }
    }
    return this;
  }

  /** The port listened on (the chosen one when built with port 0). */
  public synchronized int port() {
    if (server == null) throw new IllegalStateException("not started");
    return edge != null ? edge.port() : server.getAddress().getPort();
  }

  /** {@code http://localhost:PORT/v3/}: the base URL to give a Kit v3 client. */
  public String baseUrl() {
    return "http://localhost:" + port() + "/v3/";
  }

  /**
   * {@code http://localhost:PORT/v4/}: the base URL to give a Kit v4 client; OAuth is under it
   * ({@code oauth/authorize}, {@code oauth/token}, {@code oauth/revoke}), as at Kit.
   */
  public String v4BaseUrl() {
    return "http://localhost:" + port() + "/v4/";
  }

  /** Stops listening and drops every request in progress. */
  @Override
  public synchronized void close() {
    if (server == null) return;
    if (edge != null) edge.close();
    edge = null;
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  // ---- accounts and data -------------------------------------------------------------------

  /**
   * Adds an account and returns its new, random v3 API secret; the account also gets a random V4
   * API key ({@link #v4ApiKey}).
   */
  public String createAccount(String name, String primaryEmail) {
    return store.createAccount(name, primaryEmail, null);
  }

  /** Adds an account with a chosen secret (a demo that always prints the same one). */
  public String createAccount(String name, String primaryEmail, String secret) {
    if (secret == null || secret.trim().isEmpty()) throw new IllegalArgumentException("secret");
    return store.createAccount(name, primaryEmail, secret);
  }

  /**
   * Adds an account with a chosen v3 secret and a chosen V4 API key (a demo that keeps both across
   * restarts); returns the secret.
   */
  public String createAccount(String name, String primaryEmail, String secret, String v4ApiKey) {
    if (secret == null || secret.trim().isEmpty()) throw new IllegalArgumentException("secret");
    if (v4ApiKey == null || v4ApiKey.trim().isEmpty()) {
      throw new IllegalArgumentException("v4ApiKey");
    }
    return store.createAccount(name, primaryEmail, secret, v4ApiKey);
  }

  /**
   * The V4 API key of the account this v3 secret opens (for {@code X-Kit-Api-Key}), or null when it
   * was revoked. V4 keys are refused on v3 and v3 secrets on v4, as at Kit.
   */
  public String v4ApiKey(String secret) {
    return store.v4ApiKey(secret);
  }

  /** Kit refuses this V4 API key from now on (401), as when it is deleted in Kit's settings. */
  public boolean revokeV4ApiKey(String v4ApiKey) {
    return store.revokeV4ApiKey(v4ApiKey);
  }

  // ---- OAuth ----------------------------------------------------------------------------------

  /**
   * Registers an OAuth app as Kit's app settings would: its client id, its client secret (null for
   * a public app that uses PKCE only) and its redirect URI.
   */
  public void registerOAuthApp(String clientId, String clientSecret, String redirectUri) {
    oauth.registerApp(clientId, clientSecret, redirectUri);
  }

  /**
   * An access token and refresh token for the account of {@code secret}, as if it had authorized
   * the app in the browser: for tests that need a token, not the flow.
   */
  public OAuthTokens grantOAuthTokens(String clientId, String secret) {
    OAuthStore.Grant g = oauth.grantDirectly(clientId, store.authenticate(secret).id);
    return new OAuthTokens(g.accessToken, g.refreshToken);
  }

  /** Every access token issued so far answers 401 as expired from now on; refresh tokens work. */
  public void expireAccessTokens() {
    oauth.expireAccessTokens();
  }

  /** An access token and its refresh token. */
  public static final class OAuthTokens {
    private final String accessToken;
    private final String refreshToken;

    OAuthTokens(String accessToken, String refreshToken) {
      this.accessToken = accessToken;
      this.refreshToken = refreshToken;
    }

    public String accessToken() {
      return accessToken;
    }

    public String refreshToken() {
      return refreshToken;
    }
  }

  /**
   * Gives the account of {@code existingSecret} a second API secret and returns it: both open the
   * same account (same tags, subscribers and purchases) and share one rate-limit budget. For
   * testing "the same Kit account connected twice".
   *
   * @throws IllegalArgumentException if no account has that secret
   */
  public String addSecret(String existingSecret) {
    return store.addSecret(existingSecret);
  }

  /** Creates a tag in the account of this secret, as if made in Kit's UI; returns its id. */
  public long createTag(String secret, String name) {
    return store.createTagId(secret, name);
  }

  /** The id of the tag with this name (any case), or null. */
  public Long tagId(String secret, String name) {
    return store.tagId(secret, name);
  }

  /** Creates a form in the account of this secret, as if made in Kit's UI; returns its id. */
  public long createForm(String secret, String name) {
    return store.createForm(secret, name);
  }

  /** Creates a sequence in the account of this secret; returns its id. */
  public long createSequence(String secret, String name) {
    return store.createSequence(secret, name);
  }

  /**
   * Creates a custom field with this label; its key (what {@code fields} use) is the label lower
   * case with underscores ("Last name" is {@code last_name}). Returns its id.
   */
  public long createCustomField(String secret, String label) {
    return store.createCustomField(secret, label);
  }

  /**
   * Deletes the custom field with this key, as when the operator deletes it in Kit; later {@code
   * fields} naming it are ignored, as Kit ignores them. Returns whether there was one.
   */
  public boolean deleteCustomField(String secret, String key) {
    return store.deleteCustomField(secret, key);
  }

  /**
   * Sets a subscriber's state (active, inactive, bounced, complained, cancelled), as when the
   * person unsubscribes in Kit.
   */
  public void setSubscriberState(String secret, String email, String state) {
    store.setSubscriberState(secret, email, state);
  }

  /** Whether the subscriber was added to this form or sequence. */
  public boolean isAddedTo(String secret, String email, long formOrSequenceId) {
    return store.isAddedTo(secret, email, formOrSequenceId);
  }

  /** The subscriber's custom field values by key; empty if there is no such subscriber. */
  public java.util.Map<String, String> subscriberFields(String secret, String email) {
    return store.subscriberFields(secret, email);
  }

  /** Names of the tags of a subscriber, in tagging order; empty if there is no such subscriber. */
  public List<String> subscriberTags(String secret, String email) {
    return store.subscriberTags(secret, email);
  }

  /** Whether the account has a subscriber with this email. */
  public boolean hasSubscriber(String secret, String email) {
    return store.hasSubscriber(secret, email);
  }

  /** The purchases recorded in the account, oldest first. */
  public List<RecordedPurchase> purchases(String secret) {
    return store.purchases(secret);
  }

  /** The most API requests (v3 and v4) served at once since start (or {@link #resetInFlight}). */
  public int peakRequestsInFlight() {
    return traffic.inFlight.peak();
  }

  /**
   * Requests about a subscriber (tag, untag, purchase) that arrived while another about the same
   * subscriber was still being served, since start (or {@link #resetInFlight}).
   */
  public long overlappingRequestsForOneSubscriber() {
    return traffic.inFlight.overlaps();
  }

  /** Starts {@link #peakRequestsInFlight} and {@link #overlappingRequestsForOneSubscriber} anew. */
  public void resetInFlight() {
    traffic.inFlight.reset();
  }

  /**
   * API requests received on {@code /v3/} and {@code /v4/} (not OAuth's own endpoints) since start,
   * whatever their answer.
   */
  public long requestCount() {
    return traffic.requests.get();
  }

  /**
   * Connections the sandbox closed because they were idle (see {@link
   * Builder#idleConnectionTimeout}).
   */
  public long idleConnectionsClosed() {
    IdleEdge e;
    synchronized (this) {
      e = edge;
    }
    return e == null ? 0 : e.closedIdle.get();
  }

  /** The last API calls, newest first, with the (masked) credential each used. */
  List<ApiTraffic.Call> recentCalls() {
    return traffic.recent();
  }

  /** Requests answered 429. */
  public long rateLimitedCount() {
    return traffic.rateLimited.get();
  }

  /**
   * The most API requests one credential (a v3 account's secrets, or one V4 API key) sent within
   * one rate window so far, those answered 429 included: a client that keeps Kit's budget keeps
   * this at or below the limit. 0 without a limit. OAuth tokens are counted apart ({@link
   * #peakOAuthRequestsInAnyWindow}).
   */
  public int peakRequestsInAnyWindow() {
    return traffic.keyLimit.peakArrivals();
  }

  /** Like {@link #peakRequestsInAnyWindow}, for one OAuth access token. */
  public int peakOAuthRequestsInAnyWindow() {
    return traffic.oauthLimit.peakArrivals();
  }

  // ---- faults ---------------------------------------------------------------------------------

  /** Answers the next {@code count} API requests with {@code status} and Kit's body for it. */
  public void failNext(int count, int status) {
    faults.failNext(count, status);
  }

  /**
   * Answers the next {@code count} API requests made for the account that {@code apiSecret} opens
   * (with any of its secrets) with {@code status} and Kit's body for it; other accounts are served
   * as usual. For tests that share one sandbox with background traffic.
   */
  public void failNextFor(String apiSecret, int count, int status) {
    faults.failNextFor(store.authenticate(apiSecret).id, count, status);
  }

  /**
   * Like {@link #failNextFor(String, int, int)}, with {@code message} as Kit's {@code message} in
   * the error body ({@code {"error": ..., "message": message}}), sent as given: for tests of what a
   * client does with Kit's words (showing markup as text, for one). Null answers Kit's usual
   * message for the status.
   */
  public void failNextFor(String apiSecret, int count, int status, String message) {
    faults.failNextFor(store.authenticate(apiSecret).id, count, status, message);
  }

  /** Delays every API answer by {@code delay} (zero to stop), to make clients time out. */
  public void delayResponses(Duration delay) {
    faults.delay(delay.toMillis());
  }

  /**
   * The next {@code count} writes (POST or DELETE) that Kit would accept are applied, then answered
   * {@code status} (4xx or 5xx) with Kit's body for it: Kit acted, the answer says it failed. Reads
   * are not counted.
   */
  public void failNextAfterApplying(int count, int status) {
    faults.afterApplying(count, new Faults.AfterApplying(Faults.Kind.STATUS, status, 0));
  }

  /** The next {@code count} writes are applied, then answered 200 with a body that is not JSON. */
  public void garbleNextAfterApplying(int count) {
    faults.afterApplying(count, new Faults.AfterApplying(Faults.Kind.UNREADABLE, 0, 0));
  }

  /** The next {@code count} writes are applied, then their connection is closed unanswered. */
  public void dropNextAfterApplying(int count) {
    faults.afterApplying(count, new Faults.AfterApplying(Faults.Kind.DROP, 0, 0));
  }

  /**
   * The next {@code count} writes are applied at once and answered only after {@code delay}: a
   * client with a shorter timeout gives up although Kit acted.
   */
  public void delayNextAfterApplying(int count, Duration delay) {
    faults.afterApplying(count, new Faults.AfterApplying(Faults.Kind.DELAY, 0, delay.toMillis()));
  }

  /** Stops failing and delaying. */
  public void clearFaults() {
    faults.clear();
  }

  /** Kit refuses this secret from now on (401). */
  public void rejectSecret(String secret) {
    store.rejectSecret(secret);
  }

  /** Gives the account a new secret and refuses the old one; returns the new one. */
  public String rotateSecret(String secret) {
    return store.rotateSecret(secret);
  }

  /** Deletes a tag, as an operator would in Kit; false if there was none. */
  public boolean deleteTag(String secret, long tagId) {
    return store.deleteTag(secret, tagId);
  }

  @Override
  public String toString() {
    return "KitSandbox{port=" + (server == null ? "not started" : String.valueOf(port())) + "}";
  }

  /** Configures a {@link KitSandbox}. */
  public static final class Builder {
    private int port;
    private int limit = 120;
    private Duration window = Duration.ofSeconds(60);
    private int oauthLimit = 600;
    private Duration oauthWindow = Duration.ofSeconds(60);
    private Duration oauthTokenLifetime = Duration.ofHours(48);
    private Duration idleConnectionTimeout;

    private Builder() {}

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port");
      this.port = port;
      return this;
    }

    /**
     * At most {@code requests} per v3 account and per V4 API key in any rolling {@code window};
     * default Kit's 120 per 60 s. Every v3 secret of one account (see {@link KitSandbox#addSecret})
     * counts against one budget; each V4 API key has its own.
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests");
      if (window.isZero() || window.isNegative()) throw new IllegalArgumentException("window");
      this.limit = requests;
      this.window = window;
      return this;
    }

    /**
     * At most {@code requests} per OAuth access token in any rolling {@code window}; default 600
     * per 60 s.
     */
    public Builder oauthRateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests");
      if (window.isZero() || window.isNegative()) throw new IllegalArgumentException("window");
      this.oauthLimit = requests;
      this.oauthWindow = window;
      return this;
    }

    /** How long an OAuth access token lives (its {@code expires_in}); default Kit's 48 hours. */
    public Builder oauthTokenLifetime(Duration lifetime) {
      if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
        throw new IllegalArgumentException("oauthTokenLifetime must be positive");
      }
      this.oauthTokenLifetime = lifetime;
      return this;
    }

    /** Never answers 429 (neither to keys nor to tokens). */
    public Builder noRateLimit() {
      this.limit = 0;
      return this;
    }

    /**
     * Closes keep-alive connections that have been idle for this long, silently (no answer, just
     * the end of the connection), as the load balancers and CDNs in front of real APIs do. Off by
     * default. Tests use a few seconds or less to meet, quickly, what a client meets after a quiet
     * spell in production.
     */
    public Builder idleConnectionTimeout(Duration timeout) {
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("idleConnectionTimeout must be positive");
      }
      this.idleConnectionTimeout = timeout;
      return this;
    }

    public KitSandbox build() {
      return new KitSandbox(this);
    }
  }
}

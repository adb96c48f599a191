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
 * An offline Kit: serves Kit's v3 API on {@code http://localhost:PORT/v3/}, the state page on
 * {@code /} and fault injection on {@code /sandbox/}.
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
  private final V3Handler v3;
  private HttpServer server;
  private IdleEdge edge;
  private ExecutorService executor;

  private KitSandbox(Builder b) {
    this.requestedPort = b.port;
    this.idleConnectionTimeout = b.idleConnectionTimeout;
    this.v3 = new V3Handler(store, new WindowLimit(b.limit, b.window.toNanos()), faults);
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

  /** {@code http://localhost:PORT/v3/}: the base URL to give a Kit client. */
  public String baseUrl() {
    return "http://localhost:" + port() + "/v3/";
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

  /** Adds an account and returns its new, random API secret. */
  public String createAccount(String name, String primaryEmail) {
    return store.createAccount(name, primaryEmail, null);
  }

  /** Adds an account with a chosen secret (a demo that always prints the same one). */
  public String createAccount(String name, String primaryEmail, String secret) {
    if (secret == null || secret.trim().isEmpty()) throw new IllegalArgumentException("secret");
    return store.createAccount(name, primaryEmail, secret);
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

  /** The most {@code /v3/} requests served at once since start (or {@link #resetInFlight}). */
  public int peakRequestsInFlight() {
    return v3.inFlight.peak();
  }

  /**
   * Requests about a subscriber (tag, untag, purchase) that arrived while another about the same
   * subscriber was still being served, since start (or {@link #resetInFlight}).
   */
  public long overlappingRequestsForOneSubscriber() {
    return v3.inFlight.overlaps();
  }

  /** Starts {@link #peakRequestsInFlight} and {@link #overlappingRequestsForOneSubscriber} anew. */
  public void resetInFlight() {
    v3.inFlight.reset();
  }

  /** Requests received on {@code /v3/} since start, whatever their answer. */
  public long requestCount() {
    return v3.requests.get();
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

  /** Requests answered 429. */
  public long rateLimitedCount() {
    return v3.rateLimited.get();
  }

  /**
   * The most API requests one account sent within one rate window so far, those answered 429
   * included: a client that keeps Kit's budget keeps this at or below the limit. 0 without a limit.
   */
  public int peakRequestsInAnyWindow() {
    return v3.limit.peakArrivals();
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
    private Duration idleConnectionTimeout;

    private Builder() {}

    /** The port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) throw new IllegalArgumentException("port");
      this.port = port;
      return this;
    }

    /**
     * At most {@code requests} per account in any rolling {@code window}; default Kit's 120 per 60
     * s. Every secret of one account (see {@link KitSandbox#addSecret}) counts against one budget.
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests");
      if (window.isZero() || window.isNegative()) throw new IllegalArgumentException("window");
      this.limit = requests;
      this.window = window;
      return this;
    }

    /** Never answers 429. */
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

package com.ckengine.kit;

import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Calls Kit's v3 API with an operator's API secret. Every method blocks until Kit answers, the call
 * times out or the rate limiter refuses, and never throws for anything Kit or the network does: the
 * {@link KitResult} says what happened. Thread-safe; build one per process with {@link #builder()}
 * and share it.
 */
public interface KitClient {

  /** Verifies the secret: reads the account's name and primary email. */
  KitResult<KitAccount> account(ApiSecret secret);

  /** Every tag of the account. */
  KitResult<List<KitTag>> listTags(ApiSecret secret);

  /** Creates a tag (for tags an operator types by hand). */
  KitResult<KitTag> createTag(ApiSecret secret, String name);

  /**
   * Tags a subscriber, found or created by email, with every tag of the request in one call: the
   * first tag id in the path, the others in Kit's {@code tags} array.
   */
  KitResult<KitSubscription> tagSubscriber(ApiSecret secret, TagSubscriberRequest request);

  /** Removes a tag from the subscriber with this email ({@code POST /tags/{id}/unsubscribe}). */
  KitResult<KitTag> removeTag(ApiSecret secret, long tagId, String email);

  /** Records a purchase with its products. */
  KitResult<KitPurchaseReceipt> recordPurchase(ApiSecret secret, Purchase purchase);

  /**
   * One page of the purchases Kit holds for the account ({@code GET /purchases?page=}), up to 50 a
   * page; used to find out whether a purchase whose recording ended {@link KitOutcome#UNKNOWN}
   * reached Kit before sending it again.
   *
   * @param page from 1
   * @throws IllegalArgumentException if {@code page} is below 1
   */
  KitResult<KitPurchasePage> listPurchases(ApiSecret secret, int page);

  /**
   * How long a call made now with this secret would wait for its rate-limit permit; {@link
   * Duration#ZERO} when it could go at once. Reserves nothing, so the answer is a forecast: other
   * threads using the secret may change it the next moment. Lets a caller set work aside instead of
   * starting a call that would end {@link KitOutcome#THROTTLED}.
   */
  Duration permitDelay(ApiSecret secret);

  /**
   * The same client for the calls an operator makes (Verify, Refresh of the tags): they are paced
   * by a share of each window kept for them ({@link Builder#operatorShare}), apart from delivery's
   * share. The delivery node and the admin may be different processes with limiters of their own;
   * with the window split, their calls together still keep Kit's limit. A client without a split
   * returns itself.
   */
  default KitClient forOperator() {
    return this;
  }

  /** A builder of the OkHttp implementation, with defaults fit for Kit itself. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link KitClient}. Every client built by one builder shares one rate limiter, so
   * several clients made from a single configuration still respect Kit's limit per secret together.
   * Changing a rate-limit setting starts a new limiter for later builds.
   */
  final class Builder {
    static final HttpUrl DEFAULT_BASE_URL = HttpUrl.get("https://api.convertkit.com/v3/");

    /**
     * Below the shortest idle timeout common API servers and edges use (5 s for Node.js and Apache
     * httpd; 60 s and more for load balancers and CDNs), so that a pooled connection is dropped by
     * us before the server drops it: see docs/kit-client.md.
     */
    static final Duration DEFAULT_CONNECTION_KEEP_ALIVE = Duration.ofSeconds(4);

    HttpUrl baseUrl = DEFAULT_BASE_URL;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofSeconds(20);
    Duration callTimeout = Duration.ofSeconds(30);
    Duration connectionKeepAlive = DEFAULT_CONNECTION_KEEP_ALIVE;

    /**
     * Far above any answer Kit gives (a tag list of 20,000 tags is about 2 MiB), low enough that a
     * broken or hostile server cannot fill the heap through us.
     */
    static final long DEFAULT_MAX_ANSWER_BYTES = 8L * 1024 * 1024;

    long maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
    int rateLimitRequests = 120;
    Duration rateLimitWindow = Duration.ofSeconds(60);
    int operatorShare = DEFAULT_SHARE;
    Duration maxRateLimitWait = Duration.ofSeconds(30);
    KitClock clock = KitClock.SYSTEM;
    OkHttpClient okHttpClient;
    private RateLimiter limiter;
    private RateLimiter operatorLimiter;

    /**
     * {@link #operatorShare} not set: one thirtieth of the limit, rounded down (4 of Kit's 120).
     */
    private static final int DEFAULT_SHARE = -1;

    Builder() {}

    /**
     * Kit's v3 base URL, ending in {@code /v3/}; default {@code https://api.convertkit.com/v3/}.
     * Must be {@code https}: reads carry the secret in the query string. Plain {@code http} is
     * allowed only to a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code ::1}), where
     * the sandbox and tests run.
     *
     * @throws IllegalArgumentException if the URL is not a URL, or is {@code http} to another host
     */
    public Builder baseUrl(String baseUrl) {
      if (baseUrl == null) throw new IllegalArgumentException("Kit base URL is missing");
      HttpUrl url = HttpUrl.parse(baseUrl.trim());
      if (url == null) {
        throw new IllegalArgumentException("Kit base URL is not an http(s) URL: " + baseUrl.trim());
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new IllegalArgumentException(
            "Kit base URL must use https (the API secret travels in it); plain http is allowed"
                + " only to localhost, 127.x.x.x or ::1: "
                + url.scheme()
                + "://"
                + url.host()
                + ":"
                + url.port());
      }
      if (url.query() != null) url = url.newBuilder().query(null).build();
      if (!url.encodedPath().endsWith("/")) url = url.newBuilder().addPathSegment("").build();
      this.baseUrl = url;
      return this;
    }

    /** Loopback by name or literal address; never resolved (DNS could say anything). */
    static boolean isLoopback(String host) {
      return host.equals("localhost")
          || host.equals("::1")
          || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Longest silence while reading a response; default 20 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * Bound on a whole call, connect to last byte (not counting rate-limit waits); default 30 s.
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /**
     * How long an idle connection stays in the pool for reuse; default 4 s. Keep it below the idle
     * timeout of whatever serves Kit's API (servers close idle keep-alive connections without a
     * word; a write sent on one that is already closed ends {@link KitOutcome#UNKNOWN}). Applies to
     * the pool this client makes; a client given {@link #okHttpClient} keeps that client's pool.
     */
    public Builder connectionKeepAlive(Duration keepAlive) {
      this.connectionKeepAlive = positive(keepAlive, "connectionKeepAlive");
      return this;
    }

    /**
     * The largest answer body read; default 8 MiB. A longer one is not read on: the call ends
     * {@link KitOutcome#UNAVAILABLE} (a read) or {@link KitOutcome#UNKNOWN} (a write, which Kit may
     * have applied).
     */
    public Builder maxAnswerBytes(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxAnswerBytes must be positive");
      this.maxAnswerBytes = bytes;
      return this;
    }

    /**
     * At most {@code requests} per rolling {@code window} per secret; default Kit's 120 per 60 s.
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests must be at least 1");
      this.rateLimitRequests = requests;
      this.rateLimitWindow = positive(window, "window");
      this.limiter = null;
      return this;
    }

    /**
     * How many of each window's requests are kept for an operator's calls ({@link
     * KitClient#forOperator()}: Verify, Refresh of the tags); delivery gets the rest. Default one
     * thirtieth of the limit, rounded down (4 of Kit's 120: a few clicks a minute, and delivery
     * keeps 96.7 % of the window). 0 lets both share one limiter, as when one process makes every
     * call.
     *
     * @throws IllegalArgumentException if {@code requests} is negative or not below the limit
     */
    public Builder operatorShare(int requests) {
      if (requests < 0) throw new IllegalArgumentException("operatorShare must not be negative");
      this.operatorShare = requests;
      this.limiter = null;
      return this;
    }

    /** Sends without pacing (benchmarks of the client itself, tests that want 429s). */
    public Builder noRateLimit() {
      this.rateLimitRequests = 0;
      this.limiter = null;
      return this;
    }

    /** The operator's share of each window as it will be built (see {@link #operatorShare}). */
    public int effectiveOperatorShare() {
      if (rateLimitRequests == 0) return 0;
      if (operatorShare == DEFAULT_SHARE) return rateLimitRequests / 30;
      return operatorShare;
    }

    /**
     * Longest a call waits for a permit; a call that would wait longer returns {@link
     * KitOutcome#THROTTLED} at once instead, with {@link KitResult#retryAfter()}. Default 30 s.
     */
    public Builder maxRateLimitWait(Duration wait) {
      if (wait == null || wait.isNegative()) throw new IllegalArgumentException("maxRateLimitWait");
      this.maxRateLimitWait = wait;
      this.limiter = null;
      return this;
    }

    /** The limiter's time source; tests only. */
    public Builder clock(KitClock clock) {
      if (clock == null) throw new NullPointerException("clock");
      this.clock = clock;
      this.limiter = null;
      return this;
    }

    /**
     * An OkHttp client whose connection pool and dispatcher to share. The timeouts of this builder
     * still apply, and so do its rules (no redirects, no silent retries); {@link
     * #connectionKeepAlive} does not, since the pool is that client's.
     */
    public Builder okHttpClient(OkHttpClient client) {
      if (client == null) throw new NullPointerException("client");
      this.okHttpClient = client;
      return this;
    }

    /** The requests allowed per window, as configured so far (default Kit's 120). */
    public int rateLimitRequests() {
      return rateLimitRequests;
    }

    /** The rate-limit window, as configured so far (default Kit's 60 s). */
    public Duration rateLimitWindow() {
      return rateLimitWindow;
    }

    public KitClient build() {
      if (limiter == null) {
        int share = effectiveOperatorShare();
        if (rateLimitRequests > 0 && share >= rateLimitRequests) {
          throw new IllegalArgumentException(
              "operatorShare ("
                  + share
                  + ") must be below the rate limit ("
                  + rateLimitRequests
                  + "): delivery needs the rest of the window");
        }
        if (rateLimitRequests == 0) {
          limiter = RateLimiter.unlimited();
          operatorLimiter = limiter;
        } else {
          limiter =
              new RateLimiter(rateLimitRequests - share, rateLimitWindow, maxRateLimitWait, clock);
          operatorLimiter =
              share == 0
                  ? limiter
                  : new RateLimiter(share, rateLimitWindow, maxRateLimitWait, clock);
        }
      }
      return new OkHttpKitClient(this, limiter, operatorLimiter);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}

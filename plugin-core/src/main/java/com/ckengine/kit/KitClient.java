package com.ckengine.kit;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Calls Kit with an operator's {@link KitCredential}: Kit's v3 API for a v3 API Secret, v4 for an
 * API key or an OAuth token (the credential's {@link CredentialKind} decides). Every method blocks
 * until Kit answers, the call times out or the rate limiter refuses, and never throws for anything
 * Kit or the network does: the {@link KitResult} says what happened. Thread-safe; build one per
 * process with {@link #builder()} and share it.
 */
public interface KitClient {

  /** Verifies the credential: reads the account's name and primary email (v4: and its id). */
  KitResult<KitAccount> account(KitCredential credential);

  /** Every tag of the account (v4: every cursor page, 1000 a page, each a request). */
  KitResult<List<KitTag>> listTags(KitCredential credential);

  /** Creates a tag (for tags an operator types by hand). */
  KitResult<KitTag> createTag(KitCredential credential, String name);

  /**
   * Tags a subscriber, found or created by email, with every tag of the request. v3: one call, the
   * first tag id in the path, the others in Kit's {@code tags} array. v4: the subscriber is created
   * or updated first ({@code POST subscribers}), then one call per tag ({@code POST
   * tags/{id}/subscribers}); each takes its own permit, and the first failure ends the tagging (a
   * retry tags again, which Kit takes as done for the tags already on).
   */
  KitResult<KitSubscription> tagSubscriber(KitCredential credential, TagSubscriberRequest request);

  /**
   * Removes a tag from the subscriber with this email (v3 {@code POST tags/{id}/unsubscribe}, v4
   * {@code DELETE tags/{id}/subscribers}). An email Kit does not know has nothing to remove: done.
   */
  KitResult<KitTag> removeTag(KitCredential credential, long tagId, String email);

  /**
   * Records a purchase with its products. With a v4 API key nothing is sent: Kit records purchases
   * only with OAuth (or a v3 API Secret), so the result is {@link KitOutcome#REJECTED} at once
   * ({@link CredentialKind#canRecordPurchases()}).
   */
  KitResult<KitPurchaseReceipt> recordPurchase(KitCredential credential, Purchase purchase);

  /**
   * One page of the purchases Kit holds for the account; used to find out whether a purchase whose
   * recording ended {@link KitOutcome#UNKNOWN} reached Kit before sending it again. Pages are asked
   * for by an opaque cursor: null for the first page, then {@link KitPurchasePage#nextCursor()}
   * (v3: the page number as text, 50 purchases a page; v4: Kit's {@code end_cursor}). Like {@link
   * #recordPurchase}, refused at once with a v4 API key.
   *
   * @param cursor null for the first page, else a cursor a page of this credential's kind gave
   * @throws IllegalArgumentException if the cursor cannot be one of this kind's (v3: not a page
   *     number from 1)
   */
  KitResult<KitPurchasePage> listPurchases(KitCredential credential, String cursor);

  /**
   * The subscriber with this email, whatever its state (v3 {@code GET subscribers?email_address=},
   * v4 the same with {@code status=all}); {@link KitOutcome#NOT_FOUND} when Kit has none.
   */
  KitResult<KitSubscriber> findSubscriber(KitCredential credential, String email);

  /** The account's forms or sequences ({@code GET /forms}, {@code GET /sequences}), every page. */
  KitResult<List<KitListItem>> list(KitCredential credential, Subscribable what);

  /**
   * The account's custom fields (v3 {@code GET /custom_fields}, every field at once; v4 {@code GET
   * custom_fields}, every cursor page, 1000 a page, each a request), in Kit's order.
   */
  KitResult<List<KitCustomField>> listCustomFields(KitCredential credential);

  /**
   * Subscribes {@code email} (with {@code firstName}, which may be null, and the custom field
   * values {@code fields}, key to value, which may be empty) to form or sequence {@code id}: v3
   * {@code POST /forms/{id}/subscribe} (or {@code /sequences/{id}/subscribe}) with {@code fields}
   * in the same request; v4 first creates or updates the subscriber with its fields ({@code POST
   * /subscribers}), then {@code POST /forms/{id}/subscribers}. A form or sequence Kit does not have
   * answers {@code NOT_FOUND}; a field key the account does not have is ignored by Kit.
   */
  KitResult<KitSubscription> subscribe(
      KitCredential credential,
      Subscribable what,
      long id,
      String email,
      String firstName,
      Map<String, String> fields);

  /** {@link #subscribe(KitCredential, Subscribable, long, String, String, Map)} without fields. */
  default KitResult<KitSubscription> subscribe(
      KitCredential credential, Subscribable what, long id, String email, String firstName) {
    return subscribe(
        credential, what, id, email, firstName, java.util.Collections.<String, String>emptyMap());
  }

  /**
   * The largest batch Kit's bulk endpoints answer at once, per item (Kit's reference:
   * "synchronously when 100 or less ... are requested"; more are queued and answered 202 with
   * nothing per item).
   */
  int BULK_SYNC_LIMIT = 100;

  /**
   * Creates or updates up to {@link #BULK_SYNC_LIMIT} subscribers in one request (v4 {@code POST
   * bulk/subscribers}), first names included; one permit. The answer says per subscriber which id
   * Kit gave it or why it could not ({@link KitBulkSubscribers#resultFor}). OAuth only: with any
   * other credential {@link KitOutcome#REJECTED} at once, nothing sent.
   *
   * @throws IllegalArgumentException for an empty list or one longer than {@link #BULK_SYNC_LIMIT}
   */
  KitResult<KitBulkSubscribers> bulkUpsertSubscribers(
      KitCredential credential, List<BulkSubscriber> subscribers);

  /**
   * Applies up to {@link #BULK_SYNC_LIMIT} taggings (tag id, subscriber id) in one request (v4
   * {@code POST bulk/tags/subscribers}); one permit. The subscribers must exist ({@link
   * #bulkUpsertSubscribers}). The answer says per subscriber whether its taggings were made or why
   * not ({@link KitBulkTaggings#resultFor}). OAuth only: with any other credential {@link
   * KitOutcome#REJECTED} at once, nothing sent.
   *
   * @throws IllegalArgumentException for an empty list or one longer than {@link #BULK_SYNC_LIMIT}
   */
  KitResult<KitBulkTaggings> bulkTagSubscribers(KitCredential credential, List<Tagging> taggings);

  /**
   * How long a call made now with this credential would wait for its rate-limit permit; {@link
   * Duration#ZERO} when it could go at once. Reserves nothing, so the answer is a forecast: other
   * threads using the credential may change it the next moment. Lets a caller set work aside
   * instead of starting a call that would end {@link KitOutcome#THROTTLED}.
   */
  Duration permitDelay(KitCredential credential);

  /**
   * The requests this client's limiter counted with {@code credential} that are still inside Kit's
   * rate window (those counted through {@link #countCallsMadeElsewhere} too). An unpaced client
   * counts none.
   */
  default RecentCalls recentCalls(KitCredential credential) {
    return RecentCalls.NONE;
  }

  /**
   * Counts requests another process made with {@code credential} (read there with {@link
   * #recentCalls}) in this client's limiter until they leave Kit's window, so that this process's
   * calls and theirs together keep Kit's limit. Counting the same requests again does not add them
   * twice. An unpaced client ignores them.
   */
  default void countCallsMadeElsewhere(KitCredential credential, RecentCalls calls) {}

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

  /**
   * Kit's OAuth server (under the v4 base URL), over this client's connections: for "Connect with
   * Kit" and for refreshing and revoking tokens.
   */
  KitOAuth oauth();

  /** A builder of the OkHttp implementation, with defaults fit for Kit itself. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link KitClient}. Every client built by one builder shares its rate limiters, so
   * several clients made from a single configuration still respect Kit's limit per credential
   * together. Changing a rate-limit setting starts new limiters for later builds.
   */
  final class Builder {
    static final HttpUrl DEFAULT_BASE_URL = HttpUrl.get("https://api.convertkit.com/v3/");
    static final HttpUrl DEFAULT_V4_BASE_URL = HttpUrl.get("https://api.kit.com/v4/");

    /** Kit's budget per credential: 120 per 60 s for a v3 API Secret or a v4 API key. */
    static final int KIT_KEY_LIMIT = 120;

    /** Kit's budget per OAuth access token: 600 per 60 s. */
    static final int KIT_OAUTH_LIMIT = 600;

    /**
     * Below the shortest idle timeout common API servers and edges use (5 s for Node.js and Apache
     * httpd; 60 s and more for load balancers and CDNs), so that a pooled connection is dropped by
     * us before the server drops it: see docs/kit-client.md.
     */
    static final Duration DEFAULT_CONNECTION_KEEP_ALIVE = Duration.ofSeconds(4);

    HttpUrl baseUrl = DEFAULT_BASE_URL;
    HttpUrl v4BaseUrl = DEFAULT_V4_BASE_URL;
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

    /** Requests per window, per kind; 0 for no pacing. */
    private final Map<CredentialKind, Integer> rateLimitRequests =
        new EnumMap<CredentialKind, Integer>(CredentialKind.class);

    private final Map<CredentialKind, Duration> rateLimitWindow =
        new EnumMap<CredentialKind, Duration>(CredentialKind.class);

    int operatorShare = DEFAULT_SHARE;
    Duration maxRateLimitWait = Duration.ofSeconds(30);
    KitClock clock = KitClock.SYSTEM;
    OkHttpClient okHttpClient;
    private KitLimiters limiters;
    private KitLimiters operatorLimiters;

    /**
     * {@link #operatorShare} not set: one thirtieth of each kind's limit, rounded down (4 of Kit's
     * 120, 20 of an OAuth token's 600).
     */
    private static final int DEFAULT_SHARE = -1;

    Builder() {
      for (CredentialKind kind : CredentialKind.values()) {
        rateLimitRequests.put(
            kind, kind == CredentialKind.V4_OAUTH_TOKEN ? KIT_OAUTH_LIMIT : KIT_KEY_LIMIT);
        rateLimitWindow.put(kind, Duration.ofSeconds(60));
      }
    }

    /**
     * Kit's v3 base URL, ending in {@code /v3/}; default {@code https://api.convertkit.com/v3/}.
     * Must be {@code https}: reads carry the secret in the query string. Plain {@code http} is
     * allowed only to a loopback host ({@code localhost}, {@code 127.x.x.x}, {@code ::1}), where
     * the sandbox and tests run.
     *
     * @throws IllegalArgumentException if the URL is not a URL, or is {@code http} to another host
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = apiUrl(baseUrl, "Kit base URL", "the API secret travels in it");
      return this;
    }

    /**
     * Kit's v4 base URL, ending in {@code /v4/}; default {@code https://api.kit.com/v4/}. The same
     * rule as {@link #baseUrl}: {@code https}, or plain {@code http} only to a loopback host.
     *
     * @throws IllegalArgumentException if the URL is not a URL, or is {@code http} to another host
     */
    public Builder v4BaseUrl(String v4BaseUrl) {
      this.v4BaseUrl = apiUrl(v4BaseUrl, "Kit v4 base URL", "the API key or token travels in it");
      return this;
    }

    private static HttpUrl apiUrl(String text, String what, String why) {
      if (text == null) throw new IllegalArgumentException(what + " is missing");
      HttpUrl url = HttpUrl.parse(text.trim());
      if (url == null) {
        throw new IllegalArgumentException(what + " is not an http(s) URL: " + text.trim());
      }
      if (!url.isHttps() && !isLoopback(url.host())) {
        throw new IllegalArgumentException(
            what
                + " must use https ("
                + why
                + "); plain http is allowed only to localhost, 127.x.x.x or ::1: "
                + url.scheme()
                + "://"
                + url.host()
                + ":"
                + url.port());
      }
      if (url.query() != null) url = url.newBuilder().query(null).build();
      if (!url.encodedPath().endsWith("/")) url = url.newBuilder().addPathSegment("").build();
      return url;
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
     * At most {@code requests} per rolling {@code window} per credential, for every kind of
     * credential; defaults are Kit's (see {@link #rateLimit(CredentialKind, int, Duration)}).
     */
    public Builder rateLimit(int requests, Duration window) {
      for (CredentialKind kind : CredentialKind.values()) rateLimit(kind, requests, window);
      return this;
    }

    /**
     * At most {@code requests} per rolling {@code window} per credential of this kind. Defaults:
     * Kit's 120 per 60 s for a v3 API Secret and a v4 API key, 600 per 60 s for an OAuth token.
     */
    public Builder rateLimit(CredentialKind kind, int requests, Duration window) {
      if (kind == null) throw new NullPointerException("kind");
      if (requests < 1) throw new IllegalArgumentException("requests must be at least 1");
      rateLimitRequests.put(kind, requests);
      rateLimitWindow.put(kind, positive(window, "window"));
      this.limiters = null;
      return this;
    }

    /**
     * How many of each window's requests are kept for an operator's calls ({@link
     * KitClient#forOperator()}: Verify, Refresh of the tags); delivery gets the rest. The same
     * number for every kind of credential. Default one thirtieth of each kind's limit, rounded down
     * (4 of Kit's 120: a few clicks a minute, and delivery keeps 96.7 % of the window; 20 of an
     * OAuth token's 600). 0 lets both share one limiter, as when one process makes every call.
     *
     * @throws IllegalArgumentException if {@code requests} is negative or not below the limit
     */
    public Builder operatorShare(int requests) {
      if (requests < 0) throw new IllegalArgumentException("operatorShare must not be negative");
      this.operatorShare = requests;
      this.limiters = null;
      return this;
    }

    /** Sends without pacing (benchmarks of the client itself, tests that want 429s). */
    public Builder noRateLimit() {
      for (CredentialKind kind : CredentialKind.values()) rateLimitRequests.put(kind, 0);
      this.limiters = null;
      return this;
    }

    /**
     * The operator's share of each window of a v3 API Secret as it will be built (see {@link
     * #operatorShare}).
     */
    public int effectiveOperatorShare() {
      return effectiveOperatorShare(CredentialKind.V3_API_SECRET);
    }

    /** The operator's share of each window of this kind as it will be built. */
    public int effectiveOperatorShare(CredentialKind kind) {
      int requests = rateLimitRequests(kind);
      if (requests == 0) return 0;
      if (operatorShare == DEFAULT_SHARE) return requests / 30;
      return operatorShare;
    }

    /**
     * Longest a call waits for a permit; a call that would wait longer returns {@link
     * KitOutcome#THROTTLED} at once instead, with {@link KitResult#retryAfter()}. Default 30 s.
     */
    public Builder maxRateLimitWait(Duration wait) {
      if (wait == null || wait.isNegative()) throw new IllegalArgumentException("maxRateLimitWait");
      this.maxRateLimitWait = wait;
      this.limiters = null;
      return this;
    }

    /** The limiter's time source; tests only. */
    public Builder clock(KitClock clock) {
      if (clock == null) throw new NullPointerException("clock");
      this.clock = clock;
      this.limiters = null;
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

    /** The requests allowed per window for a v3 API Secret, as configured so far (Kit's 120). */
    public int rateLimitRequests() {
      return rateLimitRequests(CredentialKind.V3_API_SECRET);
    }

    /** The rate-limit window of a v3 API Secret, as configured so far (default Kit's 60 s). */
    public Duration rateLimitWindow() {
      return rateLimitWindow(CredentialKind.V3_API_SECRET);
    }

    /** The requests allowed per window for this kind, as configured so far; 0 when unpaced. */
    public int rateLimitRequests(CredentialKind kind) {
      return rateLimitRequests.get(kind);
    }

    /** The rate-limit window of this kind, as configured so far. */
    public Duration rateLimitWindow(CredentialKind kind) {
      return rateLimitWindow.get(kind);
    }

    public KitClient build() {
      if (limiters == null) {
        Map<CredentialKind, RateLimiter> delivery =
            new EnumMap<CredentialKind, RateLimiter>(CredentialKind.class);
        Map<CredentialKind, RateLimiter> operator =
            new EnumMap<CredentialKind, RateLimiter>(CredentialKind.class);
        for (CredentialKind kind : CredentialKind.values()) {
          int requests = rateLimitRequests(kind);
          int share = effectiveOperatorShare(kind);
          if (requests > 0 && share >= requests) {
            throw new IllegalArgumentException(
                "operatorShare ("
                    + share
                    + ") must be below the rate limit ("
                    + requests
                    + (kind == CredentialKind.V3_API_SECRET ? "" : " of " + kind)
                    + "): delivery needs the rest of the window");
          }
          if (requests == 0) {
            delivery.put(kind, RateLimiter.unlimited());
            operator.put(kind, delivery.get(kind));
            continue;
          }
          Duration window = rateLimitWindow(kind);
          RateLimiter forDelivery =
              new RateLimiter(requests - share, window, maxRateLimitWait, clock);
          delivery.put(kind, forDelivery);
          operator.put(
              kind,
              share == 0 ? forDelivery : new RateLimiter(share, window, maxRateLimitWait, clock));
        }
        limiters = new KitLimiters(delivery);
        boolean split = false;
        for (CredentialKind kind : CredentialKind.values()) {
          split |= operator.get(kind) != delivery.get(kind);
        }
        operatorLimiters = split ? new KitLimiters(operator) : limiters;
      }
      return new OkHttpKitClient(this, limiters, operatorLimiters);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}

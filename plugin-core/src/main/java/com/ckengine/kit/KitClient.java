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

  /** How long a call made now with {@code secret} would wait for its permit; nothing reserved. */
  default Duration permitDelay(ApiSecret secret) {
    return Duration.ZERO;
  }

  /** One page (from 1) of the account's purchases, as Kit lists them. */
  default KitResult<KitPurchasePage> listPurchases(ApiSecret secret, int page) {
    return KitResult.failure(KitOutcome.UNAVAILABLE, 0, "not implemented");
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

    HttpUrl baseUrl = DEFAULT_BASE_URL;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofSeconds(20);
    Duration callTimeout = Duration.ofSeconds(30);
    int rateLimitRequests = 120;
    Duration rateLimitWindow = Duration.ofSeconds(60);
    Duration maxRateLimitWait = Duration.ofSeconds(30);
    KitClock clock = KitClock.SYSTEM;
    OkHttpClient okHttpClient;
    private RateLimiter limiter;

    Builder() {}

    /**
     * Kit's v3 base URL, ending in {@code /v3/}; default {@code https://api.convertkit.com/v3/}.
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = HttpUrl.get(baseUrl);
      if (!url.encodedPath().endsWith("/")) url = url.newBuilder().addPathSegment("").build();
      this.baseUrl = url;
      return this;
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
     * At most {@code requests} per rolling {@code window} per secret; default Kit's 120 per 60 s.
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) throw new IllegalArgumentException("requests must be at least 1");
      this.rateLimitRequests = requests;
      this.rateLimitWindow = positive(window, "window");
      this.limiter = null;
      return this;
    }

    /** Sends without pacing (benchmarks of the client itself, tests that want 429s). */
    public Builder noRateLimit() {
      this.rateLimitRequests = 0;
      this.limiter = null;
      return this;
    }

    /**
     * Longest a call waits for a permit; a call that would wait longer returns {@link
     * KitOutcome#RATE_LIMITED} at once instead. Default 30 s.
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
     * still apply.
     */
    public Builder okHttpClient(OkHttpClient client) {
      if (client == null) throw new NullPointerException("client");
      this.okHttpClient = client;
      return this;
    }

    public KitClient build() {
      if (limiter == null) {
        limiter =
            rateLimitRequests == 0
                ? RateLimiter.unlimited()
                : new RateLimiter(rateLimitRequests, rateLimitWindow, maxRateLimitWait, clock);
      }
      return new OkHttpKitClient(this, limiter);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}

package com.ckengine.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What both APIs (v3 and v4) have been asked, for the Java API's counters and the state page:
 * requests, 429s, requests in flight, the rate limits per credential, and the last calls with the
 * credential each used (masked). Thread-safe.
 */
final class ApiTraffic {
  /** How many recent calls the state page shows. */
  static final int RECENT = 50;

  final AtomicLong requests = new AtomicLong();
  final AtomicLong rateLimited = new AtomicLong();
  final InFlight inFlight = new InFlight();

  /** v3 secrets (per account) and V4 API keys: the builder's {@code rateLimit}. */
  final WindowLimit keyLimit;

  /** OAuth access tokens, each its own budget: the builder's {@code oauthRateLimit}. */
  final WindowLimit oauthLimit;

  private final ArrayDeque<Call> recent = new ArrayDeque<Call>();

  ApiTraffic(WindowLimit keyLimit, WindowLimit oauthLimit) {
    this.keyLimit = keyLimit;
    this.oauthLimit = oauthLimit;
  }

  /** One call as the state page lists it; never a credential's value, only its kind and tail. */
  static final class Call {
    final Instant at;
    final String method;
    final String path;
    final String credential;
    final int status;

    Call(Instant at, String method, String path, String credential, int status) {
      this.at = at;
      this.method = method;
      this.path = path;
      this.credential = credential;
      this.status = status;
    }
  }

  /** Records a call; {@code path} must not carry the query (v3 secrets travel there). */
  synchronized void record(String method, String path, String credential, int status) {
    recent.addFirst(new Call(Instant.now(), method, path, credential, status));
    while (recent.size() > RECENT) recent.removeLast();
  }

  /** The last calls, newest first. */
  synchronized List<Call> recent() {
    return new ArrayList<Call>(recent);
  }
}

package com.ckengine.kit;

/**
 * What became of one call to Kit, in the terms a caller acts on. Derived from the HTTP status, or
 * from the failure when there was no response, and from whether the call was a read or a write.
 *
 * <p>Reads ({@code GET}: account, listTags, listPurchases) change nothing in Kit, so every failure
 * of theirs that may pass is {@link #UNAVAILABLE}. Writes ({@code POST}/{@code DELETE}: createTag,
 * tagSubscriber, removeTag, recordPurchase) are where "did Kit act?" matters:
 *
 * <table>
 *   <caption>how a failed write maps</caption>
 *   <tr><th>what happened</th><th>outcome</th></tr>
 *   <tr><td>connection refused, connect timeout, DNS or TLS failure: no request left this
 *       process</td><td>{@link #UNAVAILABLE}</td></tr>
 *   <tr><td>the client's own limiter would wait longer than its bound: nothing sent</td>
 *       <td>{@link #THROTTLED}</td></tr>
 *   <tr><td>interrupted while waiting for a permit: nothing sent</td>
 *       <td>{@link #UNAVAILABLE}</td></tr>
 *   <tr><td>read or call timeout, connection lost after the request could have been written, any
 *       5xx, a 2xx whose body cannot be read, an interrupt during the call</td>
 *       <td>{@link #UNKNOWN}</td></tr>
 *   <tr><td>429 (Kit refused before acting)</td><td>{@link #RATE_LIMITED}</td></tr>
 *   <tr><td>408 (the server gave up waiting for the request)</td><td>{@link #UNAVAILABLE}</td></tr>
 * </table>
 *
 * <p>A body with an {@code error} key is a failure whatever the status, as in Kit's own clients:
 * {@code {"error":"Tag not found"}} is {@link #NOT_FOUND}, any other on a 2xx {@link #REJECTED}. A
 * 3xx is {@link #REJECTED}: redirects are never followed, so the secret in a query string is never
 * forwarded anywhere, and a moved API needs the operator to change the base URL.
 */
public enum KitOutcome {
  /** 2xx with a readable body and no {@code error} key. */
  SUCCESS(false),
  /** 401: the secret is missing, wrong or revoked. The integration needs the operator; no retry. */
  BAD_CREDENTIALS(false),
  /**
   * 404, or a body {@code {"error":"Tag not found"}} whatever its status: something named in the
   * call (e.g. a tag deleted in Kit) is gone; no retry.
   */
  NOT_FOUND(false),
  /**
   * 400 or 422 (and other 4xx), a 3xx (redirects are not followed), or a 2xx whose body carries an
   * {@code error}: Kit refused the input; retrying the same call cannot help.
   */
  REJECTED(false),
  /** 403: the Kit account's subscriber limit is reached; needs the operator, no retry. */
  SUBSCRIBER_LIMIT(false),
  /** Kit answered 429: retry later. Kit did nothing. */
  RATE_LIMITED(true),
  /**
   * The client's own rate limiter would have made the call wait longer than {@code
   * maxRateLimitWait}: nothing was sent. {@link KitResult#retryAfter()} says when a permit would be
   * free. Not a failure of Kit or of the call; a caller should wait (or park) rather than count an
   * attempt.
   */
  THROTTLED(true),
  /**
   * Kit could not be reached or failed in a way that leaves nothing in doubt: for any call, nothing
   * reached Kit (refused connection, connect timeout, DNS); for reads, also timeouts, 5xx and
   * unreadable answers. Retry later.
   */
  UNAVAILABLE(true),
  /**
   * A write may have reached Kit, and whether Kit acted is unknown: a read or call timeout, the
   * connection lost after the request could have been sent, a 5xx, a 2xx whose body cannot be read,
   * an interrupt during the call. Retryable, but a caller that must not act twice (a purchase)
   * checks Kit first. Never the outcome of a read.
   */
  UNKNOWN(true);

  private final boolean retryable;

  KitOutcome(boolean retryable) {
    this.retryable = retryable;
  }

  /** True when the same call may succeed later without anybody changing anything. */
  public boolean isRetryable() {
    return retryable;
  }

  /**
   * The outcome Kit means by an HTTP status, for a read. 2xx maps to {@link #SUCCESS}, 3xx to
   * {@link #REJECTED}. A write's 5xx is {@link #UNKNOWN} instead of {@link #UNAVAILABLE}: see
   * {@link #forStatus(int, boolean)}.
   */
  public static KitOutcome forStatus(int status) {
    return forStatus(status, false);
  }

  /** The outcome Kit means by an HTTP status, for a read or ({@code write}) a write. */
  public static KitOutcome forStatus(int status, boolean write) {
    if (status >= 200 && status < 300) return SUCCESS;
    if (status >= 300 && status < 400) return REJECTED;
    switch (status) {
      case 401:
        return BAD_CREDENTIALS;
      case 403:
        return SUBSCRIBER_LIMIT;
      case 404:
        return NOT_FOUND;
      case 408:
        return UNAVAILABLE;
      case 429:
        return RATE_LIMITED;
      default:
        // Other 4xx say the request itself is wrong; anything else is Kit's side, where a write
        // may have been applied before it failed.
        if (status >= 400 && status < 500) return REJECTED;
        return write ? UNKNOWN : UNAVAILABLE;
    }
  }
}

package com.ckengine.kit;

/**
 * What became of one call to Kit, in the terms a caller acts on. Derived from the HTTP status, or
 * from the failure when there was no response.
 */
public enum KitOutcome {
  /** 2xx with a readable body. */
  SUCCESS(false),
  /** 401: the secret is missing, wrong or revoked. The integration needs the operator; no retry. */
  BAD_CREDENTIALS(false),
  /** 404: something named in the call (e.g. a tag deleted in Kit) is gone; no retry. */
  NOT_FOUND(false),
  /** 400 or 422 (and other 4xx): Kit refused the input; retrying the same call cannot help. */
  REJECTED(false),
  /** 403: the Kit account's subscriber limit is reached; needs the operator, no retry. */
  SUBSCRIBER_LIMIT(false),
  /**
   * 429, or the local limiter could not give a permit within its bound: retry later. Nothing was
   * done in Kit.
   */
  RATE_LIMITED(true),
  /**
   * 5xx, timeout, refused connection or a body that cannot be read: retry later. For writes, Kit
   * may or may not have applied the call.
   */
  UNAVAILABLE(true),
  /**
   * A write whose request may have reached Kit, with no readable answer: Kit may or may not have
   * acted. Retryable, but a purchase is reconciled with Kit before it is sent again.
   */
  UNKNOWN(true),
  /** This process's own rate limiter held the call back; nothing was sent. */
  THROTTLED(true);

  private final boolean retryable;

  KitOutcome(boolean retryable) {
    this.retryable = retryable;
  }

  /** True when the same call may succeed later without anybody changing anything. */
  public boolean isRetryable() {
    return retryable;
  }

  /** The outcome Kit means by an HTTP status. 2xx maps to {@link #SUCCESS}. */
  public static KitOutcome forStatus(int status) {
    if (status >= 200 && status < 300) return SUCCESS;
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
        // Other 4xx say the request itself is wrong; anything else is Kit's side.
        return status >= 400 && status < 500 ? REJECTED : UNAVAILABLE;
    }
  }
}

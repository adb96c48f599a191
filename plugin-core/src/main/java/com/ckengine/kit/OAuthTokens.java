package com.ckengine.kit;

import java.time.Duration;
import java.time.Instant;

/**
 * What Kit's token endpoint hands out: an access token for the API, the refresh token that gets the
 * next one, and when the access token expires. Both tokens open the operator's Kit account, so
 * {@link #toString()} shows neither.
 */
public final class OAuthTokens {
  private final String accessToken;
  private final String refreshToken;
  private final Instant expiresAt;

  /**
   * @param refreshToken null when Kit gave none
   * @param expiresAt null when Kit did not say
   */
  public OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {
    if (accessToken == null || accessToken.trim().isEmpty()) {
      throw new IllegalArgumentException("access token is empty");
    }
    this.accessToken = accessToken.trim();
    this.refreshToken =
        refreshToken == null || refreshToken.trim().isEmpty() ? null : refreshToken.trim();
    this.expiresAt = expiresAt;
  }

  /** Put only in a request to Kit; never log or display it. */
  public String accessToken() {
    return accessToken;
  }

  /** Put only in a request to Kit's token endpoint; null when Kit gave none. */
  public String refreshToken() {
    return refreshToken;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  /** True when the access token expires within {@code margin} of {@code now} (or has). */
  public boolean expiresWithin(Duration margin, Instant now) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "OAuthTokens[redacted, expiresAt=" + expiresAt + "]";
  }
}

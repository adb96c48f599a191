package com.ckengine.sandbox;

/**
 * An OAuth endpoint's refusal, in OAuth's shape (RFC 6749 section 5.2): {@code {"error":
 * "invalid_grant", "error_description": "..."}}.
 */
final class OAuthError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String error;

  OAuthError(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }

  static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description);
  }

  static OAuthError invalidClient() {
    return new OAuthError(
        401,
        "invalid_client",
        "Client authentication failed due to unknown client, no client authentication included,"
            + " or unsupported authentication method.");
  }
}

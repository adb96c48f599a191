package com.ckengine.kit;

/**
 * The Kit app a store registered for OAuth (Kit: Settings, Developer, app with API access): its
 * client id, and its client secret when Kit gave one (the refresh-token flow needs it; a PKCE-only
 * app has none). The secret never prints.
 */
public final class OAuthApp {
  private final String clientId;
  private final String clientSecret;

  private OAuthApp(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * @param clientSecret null or blank when the app has none
   * @throws IllegalArgumentException when the client id is blank
   */
  public static OAuthApp of(String clientId, String clientSecret) {
    if (clientId == null || clientId.trim().isEmpty()) {
      throw new IllegalArgumentException("OAuth client id is empty");
    }
    String secret =
        clientSecret == null || clientSecret.trim().isEmpty() ? null : clientSecret.trim();
    return new OAuthApp(clientId.trim(), secret);
  }

  public String clientId() {
    return clientId;
  }

  /** Only for a request to Kit's token endpoint; null when the app has none. */
  public String clientSecret() {
    return clientSecret;
  }

  @Override
  public String toString() {
    return "OAuthApp{"
        + clientId
        + ", secret "
        + (clientSecret == null ? "none" : "redacted")
        + "}";
  }
}

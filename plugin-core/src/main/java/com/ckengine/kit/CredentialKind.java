package com.ckengine.kit;

/**
 * Which kind of Kit credential an operator gave: it decides the API version the client speaks, how
 * the credential travels and Kit's request budget for it (see {@link KitCredential} for what each
 * kind can do).
 */
public enum CredentialKind {
  /** A v3 API Secret: sent as {@code api_secret} in the body or query of Kit's v3 API. */
  V3_API_SECRET,
  /** A v4 API key (Kit: Settings, Developer, "V4 Keys"): header {@code X-Kit-Api-Key}. */
  V4_API_KEY,
  /** A v4 OAuth access token of an app the operator installed: {@code Authorization: Bearer}. */
  V4_OAUTH_TOKEN;

  /**
   * Kit's bulk endpoints take this kind: OAuth tokens only (Kit's reference: "requiring OAuth").
   */
  public boolean usesBulk() {
    return this == V4_OAUTH_TOKEN;
  }
}

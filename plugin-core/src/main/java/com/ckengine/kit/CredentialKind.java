package com.ckengine.kit;

/**
 * Which kind of Kit credential an operator gave: it decides the API version the client speaks, how
 * the credential travels and Kit's request budget for it. What each kind can do in Kit is said
 * here, in one place: {@link #canRecordPurchases()}, {@link #tagsPerCall()}, {@link #usesBulk()} (a
 * {@link KitCredential} and an integration ask their kind).
 */
public enum CredentialKind {
  /** A v3 API Secret: sent as {@code api_secret} in the body or query of Kit's v3 API. */
  V3_API_SECRET,
  /** A v4 API key (Kit: Settings, Developer, "V4 Keys"): header {@code X-Kit-Api-Key}. */
  V4_API_KEY,
  /** A v4 OAuth access token of an app the operator installed: {@code Authorization: Bearer}. */
  V4_OAUTH_TOKEN;

  /**
   * True when Kit records purchases with it: a v3 API Secret or an OAuth token. Kit refuses Add
   * Purchase with a v4 API key (purchases are OAuth only in v4).
   */
  public boolean canRecordPurchases() {
    return this != V4_API_KEY;
  }

  /**
   * How many tags one call to Kit can put on a subscriber: v3 takes them all in one call ({@link
   * Integer#MAX_VALUE}); v4 takes one tag per call.
   */
  public int tagsPerCall() {
    return this == V3_API_SECRET ? Integer.MAX_VALUE : 1;
  }

  /**
   * Kit's bulk endpoints take this kind: OAuth tokens only (Kit's reference: "requiring OAuth").
   */
  public boolean usesBulk() {
    return this == V4_OAUTH_TOKEN;
  }
}

package com.ckengine.kit;

/**
 * A credential that opens an operator's Kit account: a v3 API Secret, a v4 API key or a v4 OAuth
 * access token. Each opens the whole account, so this type makes leaking it hard: {@link
 * #toString()} is redacted and the only way to the text is {@link #reveal()}, which the client
 * calls only while building a request. Immutable.
 *
 * <p>What a credential can do follows from its {@link #kind()}: {@link
 * CredentialKind#canRecordPurchases()}, {@link CredentialKind#tagsPerCall()}, {@link
 * CredentialKind#usesBulk()}.
 *
 * <p>Equal by kind and value, so it can key per-account state such as the rate limiter. An OAuth
 * token is equal by its budget key instead: the access token changes on every refresh, while Kit's
 * budget (and so the limiter's state) stays the integration's.
 */
public final class KitCredential {
  private final CredentialKind kind;
  private final String value;

  /** What equality and the hash use: the value, or an OAuth token's budget key. */
  private final String identity;

  private KitCredential(CredentialKind kind, String value, String identity) {
    this.kind = kind;
    this.value = value;
    this.identity = identity;
  }

  /**
   * A v3 API Secret as pasted by the operator. Surrounding whitespace is dropped because a pasted
   * value often carries some and Kit would refuse it.
   *
   * @throws IllegalArgumentException if it is null or blank (the message never holds it)
   */
  public static KitCredential v3Secret(String secret) {
    String value = required(secret, "API secret");
    return new KitCredential(CredentialKind.V3_API_SECRET, value, value);
  }

  /**
   * A v4 API key as pasted by the operator, trimmed.
   *
   * @throws IllegalArgumentException if it is null or blank (the message never holds it)
   */
  public static KitCredential v4ApiKey(String apiKey) {
    String value = required(apiKey, "API key");
    return new KitCredential(CredentialKind.V4_API_KEY, value, value);
  }

  /**
   * A v4 OAuth access token.
   *
   * @param budgetKey a stable name for the token's request budget, the same across refreshes, e.g.
   *     {@code "oauth:" + integrationId}
   * @throws IllegalArgumentException if either is null or blank (the message never holds them)
   */
  public static KitCredential oauthToken(String accessToken, String budgetKey) {
    String value = required(accessToken, "OAuth access token");
    String key = required(budgetKey, "OAuth budget key");
    return new KitCredential(CredentialKind.V4_OAUTH_TOKEN, value, key);
  }

  private static String required(String text, String what) {
    if (text == null || text.trim().isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return text.trim();
  }

  public CredentialKind kind() {
    return kind;
  }

  /** The credential itself. Call only to put it in a request to Kit; never log or display it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitCredential)) return false;
    KitCredential that = (KitCredential) o;
    return kind == that.kind && identity.equals(that.identity);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + identity.hashCode();
  }

  /** Always {@code KitCredential[KIND, redacted]}: the text may end up in logs or pages. */
  @Override
  public String toString() {
    return "KitCredential[" + kind + ", redacted]";
  }
}

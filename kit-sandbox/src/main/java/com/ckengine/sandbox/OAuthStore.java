package com.ckengine.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's OAuth server state: registered apps, authorization codes (single use, short lived,
 * bound to a PKCE challenge when one was given) and grants (an access token with its refresh
 * token). Thread-safe.
 */
final class OAuthStore {
  /** How long an authorization code may wait to be exchanged. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  private final SandboxStore store;
  private volatile Duration tokenLifetime;
  private final Map<String, App> apps = new HashMap<String, App>();
  private final Map<String, Code> codes = new HashMap<String, Code>();
  private final Map<String, Grant> byAccess = new HashMap<String, Grant>();
  private final Map<String, Grant> byRefresh = new HashMap<String, Grant>();

  OAuthStore(SandboxStore store, Duration tokenLifetime) {
    this.store = store;
    this.tokenLifetime = tokenLifetime;
  }

  /** An app registered with Kit: its client id and secret and its one redirect URI. */
  static final class App {
    final String clientId;
    final String clientSecret;
    final String redirectUri;

    App(String clientId, String clientSecret, String redirectUri) {
      this.clientId = clientId;
      this.clientSecret = clientSecret;
      this.redirectUri = redirectUri;
    }
  }

  private static final class Code {
    final App app;
    final long accountId;
    final String redirectUri;
    final String challenge;
    final Instant expiresAt;
    boolean used;
    Grant issued;

    Code(App app, long accountId, String redirectUri, String challenge, Instant expiresAt) {
      this.app = app;
      this.accountId = accountId;
      this.redirectUri = redirectUri;
      this.challenge = challenge;
      this.expiresAt = expiresAt;
    }
  }

  /** An access token and its refresh token, for one account and one app. */
  static final class Grant {
    final String accessToken;
    final String refreshToken;
    final long accountId;
    final String clientId;
    final Instant createdAt;
    final Instant expiresAt;
    boolean revoked;

    Grant(
        String clientId,
        long accountId,
        String access,
        String refresh,
        Instant created,
        Instant expires) {
      this.clientId = clientId;
      this.accountId = accountId;
      this.accessToken = access;
      this.refreshToken = refresh;
      this.createdAt = created;
      this.expiresAt = expires;
    }
  }

  synchronized void registerApp(String clientId, String clientSecret, String redirectUri) {
    if (clientId == null || clientId.isEmpty()) throw new IllegalArgumentException("clientId");
    if (redirectUri == null || redirectUri.isEmpty()) {
      throw new IllegalArgumentException("redirectUri");
    }
    apps.put(clientId, new App(clientId, clientSecret, redirectUri));
  }

  synchronized App app(String clientId) {
    return clientId == null ? null : apps.get(clientId);
  }

  void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  /** A code for this account, after the person clicked "Authorize". */
  synchronized String issueCode(App app, long accountId, String redirectUri, String challenge) {
    String code = store.newToken("");
    codes.put(
        code, new Code(app, accountId, redirectUri, challenge, Instant.now().plus(CODE_LIFETIME)));
    return code;
  }

  /**
   * Exchanges a code: the app's own, unused, unexpired, for the same redirect URI, with the PKCE
   * verifier that hashes to its challenge (or, for a code asked without PKCE, the client secret). A
   * code used twice also revokes what it gave the first time (RFC 6749 section 4.1.2).
   */
  synchronized Grant exchange(
      String clientId, String clientSecret, String code, String redirectUri, String verifier) {
    App app = authenticatedClient(clientId, clientSecret);
    Code c = code == null ? null : codes.get(code);
    if (c == null || c.app != app) throw OAuthError.invalidGrant(GRANT_INVALID);
    if (c.used) {
      if (c.issued != null) c.issued.revoked = true;
      throw OAuthError.invalidGrant(GRANT_INVALID);
    }
    if (Instant.now().isAfter(c.expiresAt)) throw OAuthError.invalidGrant(GRANT_INVALID);
    if (redirectUri != null && !redirectUri.equals(c.redirectUri)) {
      throw OAuthError.invalidGrant(GRANT_INVALID);
    }
    if (c.challenge != null) {
      if (verifier == null) throw OAuthError.invalidRequest("code_verifier is required");
      if (!verifier.matches("[A-Za-z0-9._~-]{43,128}") || !c.challenge.equals(s256(verifier))) {
        throw OAuthError.invalidGrant(GRANT_INVALID);
      }
    } else if (app.clientSecret == null || !app.clientSecret.equals(clientSecret)) {
      throw OAuthError.invalidClient();
    }
    c.used = true;
    c.issued = grant(app.clientId, c.accountId);
    return c.issued;
  }

  /** A new access token and a new refresh token for a valid refresh token; the old ones end. */
  synchronized Grant refresh(String clientId, String clientSecret, String refreshToken) {
    App app = authenticatedClient(clientId, clientSecret);
    Grant old = refreshToken == null ? null : byRefresh.get(refreshToken);
    if (old == null || old.revoked || !old.clientId.equals(app.clientId)) {
      throw OAuthError.invalidGrant(GRANT_INVALID);
    }
    old.revoked = true;
    return grant(app.clientId, old.accountId);
  }

  /**
   * RFC 7009: revokes an access or refresh token (and its pair) of this client; an unknown token is
   * not an error.
   */
  synchronized void revoke(String clientId, String clientSecret, String token) {
    App app = authenticatedClient(clientId, clientSecret);
    if (token == null || token.isEmpty()) throw OAuthError.invalidRequest("token is required");
    Grant g = byAccess.get(token);
    if (g == null) g = byRefresh.get(token);
    if (g != null && g.clientId.equals(app.clientId)) g.revoked = true;
  }

  /** The account an access token opens, or a 401 saying why not. */
  synchronized SandboxStore.Account accountOf(String accessToken) {
    Grant g = accessToken == null ? null : byAccess.get(accessToken);
    if (g == null) throw V4Error.invalidToken();
    if (g.revoked) throw new V4Error(401, "The access token was revoked");
    if (!Instant.now().isBefore(g.expiresAt)) throw new V4Error(401, "The access token expired");
    SandboxStore.Account account = store.accountById(g.accountId);
    if (account == null) throw V4Error.invalidToken();
    return account;
  }

  /** Makes every access token issued so far expired (their refresh tokens still work). */
  synchronized void expireAccessTokens() {
    for (Map.Entry<String, Grant> e : byAccess.entrySet()) {
      Grant g = e.getValue();
      Grant expired =
          new Grant(
              g.clientId,
              g.accountId,
              g.accessToken,
              g.refreshToken,
              g.createdAt,
              Instant.now().minusSeconds(1));
      expired.revoked = g.revoked;
      e.setValue(expired);
      if (byRefresh.get(g.refreshToken) == g) byRefresh.put(g.refreshToken, expired);
    }
  }

  /** Tokens for an account without the browser flow, for tests that need a token quickly. */
  synchronized Grant grantDirectly(String clientId, long accountId) {
    if (app(clientId) == null) throw new IllegalArgumentException("unknown client id");
    return grant(clientId, accountId);
  }

  private Grant grant(String clientId, long accountId) {
    Instant now = Instant.now();
    Grant g =
        new Grant(
            clientId,
            accountId,
            store.newToken("kat_"),
            store.newToken("krt_"),
            now,
            now.plus(tokenLifetime));
    byAccess.put(g.accessToken, g);
    byRefresh.put(g.refreshToken, g);
    return g;
  }

  private App authenticatedClient(String clientId, String clientSecret) {
    App app = app(clientId);
    if (app == null) throw OAuthError.invalidClient();
    if (clientSecret != null && !clientSecret.equals(app.clientSecret)) {
      throw OAuthError.invalidClient();
    }
    return app;
  }

  /** PKCE S256: BASE64URL(SHA-256(verifier)) without padding. */
  static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Doorkeeper's words (the OAuth server Kit runs) for a grant it will not honour. */
  static final String GRANT_INVALID =
      "The provided authorization grant is invalid, expired, revoked, does not match the"
          + " redirection URI used in the authorization request, or was issued to another client.";
}

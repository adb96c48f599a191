package com.ckengine.kit;

import okhttp3.HttpUrl;

/**
 * Kit's OAuth server, for stores that registered their own Kit app: the authorization code flow
 * with PKCE, refreshing and revoking tokens. Like {@link KitClient}, no method throws for anything
 * Kit or the network does; the {@link KitResult} says what happened, and no message holds a code,
 * verifier, token or client secret.
 */
public interface KitOAuth {

  /**
   * Where to send the operator's browser to grant the app access: Kit's authorize page with the
   * app's client id, {@code redirectUri}, {@code state} and the PKCE challenge (S256).
   */
  HttpUrl authorizeUrl(OAuthApp app, String redirectUri, String state, Pkce pkce);

  /** Trades the code Kit sent back to {@code redirectUri} (and the PKCE verifier) for tokens. */
  KitResult<OAuthTokens> exchangeCode(OAuthApp app, String code, String redirectUri, Pkce pkce);

  /** A new access token (and, as Kit hands one out, a new refresh token) for a refresh token. */
  KitResult<OAuthTokens> refresh(OAuthApp app, String refreshToken);

  /** Revokes a token (Kit then refuses it); used when an integration is deleted. */
  KitResult<Boolean> revoke(OAuthApp app, String token);
}

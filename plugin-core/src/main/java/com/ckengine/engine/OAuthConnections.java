package com.ckengine.engine;

import com.ckengine.api.PlainText;
import com.ckengine.kit.KitOAuth;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.OAuthApp;
import com.ckengine.kit.OAuthTokens;
import com.ckengine.kit.Pkce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * "Connect with Kit": connecting an integration by OAuth, for a store that registered its own Kit
 * app (client id, and secret when it has one, in the site's properties). {@link #begin} makes the
 * authorization the operator's browser is sent to Kit with; {@link #finish} checks Kit's answer
 * against it, trades the code for tokens and connects the account. Without an app configured the
 * admin offers only the pasted credential.
 */
public final class OAuthConnections {
  /** Longer than any operator needs on Kit's page; an older answer is refused. */
  static final Duration PENDING_LIFETIME = Duration.ofMinutes(15);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KitOAuth oauth;
  private final OAuthApp app;
  private final IntegrationService integrations;
  private final Clock clock;
  private final String redirectUri;

  OAuthConnections(
      KitOAuth oauth,
      OAuthApp app,
      String redirectUri,
      IntegrationService integrations,
      Clock clock) {
    this.oauth = oauth;
    this.app = app;
    this.redirectUri =
        redirectUri == null || redirectUri.trim().isEmpty() ? null : redirectUri.trim();
    this.integrations = integrations;
    this.clock = clock;
  }

  /**
   * The redirect URI the site configured ({@code ckengine.kit.oauth.redirectUri}), or null: then
   * the admin sends its own callback URL, which must be among the app's redirect URIs in Kit.
   */
  public String redirectUri() {
    return redirectUri;
  }

  /** True when the site configured a Kit app (so the admin shows "Connect with Kit"). */
  public boolean isConfigured() {
    return oauth != null && app != null;
  }

  /**
   * Starts connecting an integration labelled {@code label}: keep the result in the operator's
   * session and send their browser to its {@link PendingAuthorization#authorizeUrl()}.
   *
   * @param redirectUri where Kit sends the operator back: one of the app's redirect URIs in Kit
   * @throws IntegrationException when no app is configured or the label cannot be used
   */
  public PendingAuthorization begin(String label, String redirectUri) {
    requireConfigured();
    String problem = IntegrationService.labelProblem(label);
    if (problem != null) throw new IntegrationException(problem);
    integrations.requireFreeLabel(label.trim());
    String state = random(32);
    Pkce pkce = Pkce.create();
    return new PendingAuthorization(
        label.trim(),
        redirectUri,
        state,
        pkce.verifier(),
        oauth.authorizeUrl(app, redirectUri, state, pkce).toString(),
        clock.millis());
  }

  /**
   * Finishes the connection Kit sent the operator back from.
   *
   * @param pending what {@link #begin} returned, from the operator's session (null: none)
   * @param state the {@code state} Kit sent back
   * @param code the {@code code} Kit sent back, or null
   * @param error the {@code error} Kit sent back instead of a code (the operator declined), or null
   * @throws IntegrationException when the answer does not belong to {@code pending}, came too late,
   *     Kit refused the code, or the account cannot be connected (taken label, account connected
   *     already); the message says what to do
   */
  public Integration finish(PendingAuthorization pending, String state, String code, String error) {
    requireConfigured();
    if (pending == null) {
      throw new IntegrationException(
          "No connection to Kit was started from this browser session (or it was finished "
              + "already). Start again with Connect with Kit.");
    }
    if (state == null
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8),
            pending.state().getBytes(StandardCharsets.UTF_8))) {
      throw new IntegrationException(
          "The answer from Kit does not belong to the connection started here (its state differs), "
              + "so it was not used. Start again with Connect with Kit.");
    }
    if (clock.millis() - pending.startedAtMillis() > PENDING_LIFETIME.toMillis()) {
      throw new IntegrationException(
          "The connection to Kit was started more than "
              + PENDING_LIFETIME.toMinutes()
              + " minutes ago. Start again with Connect with Kit.");
    }
    if (error != null && !error.trim().isEmpty()) {
      throw new IntegrationException(
          "Kit did not grant access ("
              + PlainText.escaped(error.length() > 200 ? error.substring(0, 200) : error)
              + "). Nothing was connected.");
    }
    if (code == null || code.trim().isEmpty()) {
      throw new IntegrationException("Kit sent no authorization code. Nothing was connected.");
    }
    KitResult<OAuthTokens> tokens =
        oauth.exchangeCode(app, code.trim(), pending.redirectUri(), Pkce.of(pending.verifier()));
    if (!tokens.isSuccess()) {
      throw new IntegrationException(
          "Kit did not hand out a token for the authorization: "
              + tokens.message()
              + (tokens.httpStatus() == 0 ? "" : " (HTTP " + tokens.httpStatus() + ")"),
          tokens.outcome());
    }
    return integrations.connectWithTokens(pending.label(), tokens.value());
  }

  private void requireConfigured() {
    if (!isConfigured()) {
      throw new IntegrationException(
          "Connect with Kit needs the store's Kit app: set ckengine.kit.oauth.clientId (and "
              + "ckengine.kit.oauth.clientSecret) in the admin's properties");
    }
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}

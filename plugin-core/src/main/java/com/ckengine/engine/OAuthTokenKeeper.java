package com.ckengine.engine;

import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOAuth;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.OAuthApp;
import com.ckengine.kit.OAuthTokens;
import java.time.Clock;
import java.time.Duration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps an OAuth integration's access token usable: refreshes it shortly before it expires, and
 * once more when Kit refuses it, so deliveries never stop on an expired token. One node refreshes
 * at a time: the refresh holds the integration row's write lock, and a node that waited for it uses
 * the token the other one got (Kit may hand out a new refresh token and retire the old one, so two
 * refreshes of one token could cost the connection).
 */
final class OAuthTokenKeeper {
  private static final Log LOG = LogFactory.getLog(OAuthTokenKeeper.class);

  /** Refreshed this long before it expires: no call should go out with a token about to expire. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  /** A no-op UPDATE: takes the row's write lock on HSQLDB (MVCC) and PostgreSQL alike. */
  static final String LOCK_INTEGRATION_ROW =
      "update IntegrationEntity i set i.secretVersion = i.secretVersion where i.id = :id";

  private final Jpa jpa;
  private final SecretCipher cipher;
  private final KitOAuth oauth;
  private final OAuthApp app;
  private final Clock clock;

  OAuthTokenKeeper(Jpa jpa, SecretCipher cipher, KitOAuth oauth, OAuthApp app, Clock clock) {
    this.jpa = jpa;
    this.cipher = cipher;
    this.oauth = oauth;
    this.app = app;
    this.clock = clock;
  }

  /** The budget key of an integration's OAuth tokens: stable across refreshes. */
  static String budgetKey(long integrationId) {
    return "oauth:" + integrationId;
  }

  /**
   * The access token to call Kit with for {@code e}, refreshed first when it expires within {@link
   * #REFRESH_MARGIN}. When the refresh fails the current token is used while it lasts; Kit's
   * refusal then says what is wrong.
   */
  KitCredential credential(IntegrationEntity e) {
    IntegrationEntity current = e;
    Long expires = e.getTokenExpiresAt();
    if (expires != null && expires - clock.millis() <= REFRESH_MARGIN.toMillis()) {
      Refreshed r = refresh(e.getId(), e.getSecretVersion());
      if (r.row != null) current = r.row;
    }
    return token(current);
  }

  /**
   * After Kit refused the access token of secret version {@code usedVersion}: a refreshed token (or
   * the one another node refreshed meanwhile), or null when none can be had; then {@link
   * Refreshed#problem} says why.
   */
  Refreshed afterRefusal(long integrationId, int usedVersion) {
    return refresh(integrationId, usedVersion);
  }

  /** What a refresh came to: the row as it stands after it, or why there is no new token. */
  static final class Refreshed {
    final IntegrationEntity row;
    final KitCredential credential;
    final String problem;

    private Refreshed(IntegrationEntity row, KitCredential credential, String problem) {
      this.row = row;
      this.credential = credential;
      this.problem = problem;
    }
  }

  private Refreshed refresh(long id, int usedVersion) {
    if (oauth == null || app == null) {
      return new Refreshed(
          null,
          null,
          "the store's Kit app is not configured (ckengine.kit.oauth.clientId), so the token "
              + "cannot be refreshed");
    }
    return jpa.tx(
        em -> {
          em.createQuery(LOCK_INTEGRATION_ROW).setParameter("id", id).executeUpdate();
          IntegrationEntity e = em.find(IntegrationEntity.class, id);
          if (e == null) return new Refreshed(null, null, "the integration was deleted");
          if (e.getSecretVersion() != usedVersion) {
            // Another node (or request) refreshed it while this one waited for the lock.
            return new Refreshed(e, token(e), null);
          }
          String refreshToken =
              e.getRefreshCiphertext() == null ? null : cipher.decrypt(e.getRefreshCiphertext());
          if (refreshToken == null) {
            return new Refreshed(null, null, "Kit gave no refresh token; connect with Kit again");
          }
          KitResult<OAuthTokens> r = oauth.refresh(app, refreshToken);
          if (!r.isSuccess()) {
            LOG.warn(
                "ConvertKit integration "
                    + id
                    + ": Kit did not refresh the OAuth token: "
                    + r.message()
                    + " ("
                    + r.outcome()
                    + ")");
            return new Refreshed(null, null, "Kit did not refresh the OAuth token: " + r.message());
          }
          OAuthTokens t = r.value();
          e.setSecretCiphertext(cipher.encrypt(t.accessToken()));
          if (t.refreshToken() != null) e.setRefreshCiphertext(cipher.encrypt(t.refreshToken()));
          e.setTokenExpiresAt(t.expiresAt() == null ? null : t.expiresAt().toEpochMilli());
          e.setSecretVersion(e.getSecretVersion() + 1);
          if (e.getStatus() == IntegrationStatus.NEEDS_ATTENTION) {
            e.setStatus(IntegrationStatus.CONNECTED);
            e.setStatusMessage(null);
          }
          LOG.info("ConvertKit integration " + id + ": OAuth token refreshed");
          return new Refreshed(e, token(e), null);
        });
  }

  /**
   * Tells Kit to revoke a deleted integration's tokens (the refresh token, which also ends the
   * access tokens it made, and the access token). Best effort: a failure is logged, nothing else
   * depends on it.
   */
  void revoke(IntegrationEntity deleted) {
    if (oauth == null || app == null) return;
    for (String ciphertext :
        new String[] {deleted.getRefreshCiphertext(), deleted.getSecretCiphertext()}) {
      if (ciphertext == null) continue;
      KitResult<Boolean> r;
      try {
        r = oauth.revoke(app, cipher.decrypt(ciphertext));
      } catch (RuntimeException e) {
        LOG.warn("ConvertKit integration " + deleted.getId() + ": token not revoked: " + e);
        continue;
      }
      if (!r.isSuccess()) {
        LOG.warn(
            "ConvertKit integration "
                + deleted.getId()
                + ": Kit did not revoke a token: "
                + r.message()
                + "; revoke the app's access in Kit (Settings, Apps)");
      }
    }
  }

  private KitCredential token(IntegrationEntity e) {
    return KitCredential.oauthToken(cipher.decrypt(e.getSecretCiphertext()), budgetKey(e.getId()));
  }
}

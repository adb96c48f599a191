package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * {@link KitOAuth} over the client's transport: Kit's OAuth server lives under the v4 base URL
 * ({@code oauth/authorize}, {@code oauth/token}, {@code oauth/revoke}). Requests are forms; answers
 * are JSON, errors in OAuth's own words ({@code {"error":"invalid_grant","error_description"}}).
 * Every secret a request carries (code, verifier, refresh token, client secret) is scrubbed from
 * any message, whatever the server echoes.
 */
final class OkHttpKitOAuth implements KitOAuth {
  /**
   * OAuth errors meaning "this code, token or app is not good": the operator must connect again.
   */
  private static final String[] REFUSALS = {
    "invalid_grant", "invalid_client", "unauthorized_client", "invalid_token"
  };

  private final HttpUrl v4BaseUrl;
  private final KitTransport transport;
  private final LongSupplier wallClockMillis;

  OkHttpKitOAuth(HttpUrl v4BaseUrl, KitTransport transport, LongSupplier wallClockMillis) {
    this.v4BaseUrl = v4BaseUrl;
    this.transport = transport;
    this.wallClockMillis = wallClockMillis;
  }

  @Override
  public HttpUrl authorizeUrl(OAuthApp app, String redirectUri, String state, Pkce pkce) {
    return v4BaseUrl
        .resolve("oauth/authorize")
        .newBuilder()
        .addQueryParameter("client_id", app.clientId())
        .addQueryParameter("response_type", "code")
        .addQueryParameter("redirect_uri", redirectUri)
        .addQueryParameter("state", state)
        .addQueryParameter("code_challenge", pkce.challenge())
        .addQueryParameter("code_challenge_method", pkce.method())
        .build();
  }

  @Override
  public KitResult<OAuthTokens> exchangeCode(
      OAuthApp app, String code, String redirectUri, Pkce pkce) {
    FormBody.Builder form =
        new FormBody.Builder()
            .add("grant_type", "authorization_code")
            .add("client_id", app.clientId())
            .add("code", code)
            .add("redirect_uri", redirectUri)
            .add("code_verifier", pkce.verifier());
    List<String> secrets = secrets(app, code, pkce.verifier());
    if (app.clientSecret() != null) form.add("client_secret", app.clientSecret());
    return tokens(form.build(), "authorization code exchange", secrets);
  }

  @Override
  public KitResult<OAuthTokens> refresh(OAuthApp app, String refreshToken) {
    FormBody.Builder form =
        new FormBody.Builder()
            .add("grant_type", "refresh_token")
            .add("client_id", app.clientId())
            .add("refresh_token", refreshToken);
    if (app.clientSecret() != null) form.add("client_secret", app.clientSecret());
    return tokens(form.build(), "token refresh", secrets(app, refreshToken));
  }

  @Override
  public KitResult<Boolean> revoke(OAuthApp app, String token) {
    FormBody.Builder form =
        new FormBody.Builder().add("token", token).add("client_id", app.clientId());
    if (app.clientSecret() != null) form.add("client_secret", app.clientSecret());
    List<String> secrets = secrets(app, token);
    KitResult<JsonNode> r = post("revoke", form.build(), "token revocation", secrets);
    if (!r.isSuccess()) return KitResult.failure(r.outcome(), r.httpStatus(), r.message());
    return KitResult.success(Boolean.TRUE, r.httpStatus());
  }

  private KitResult<OAuthTokens> tokens(FormBody form, String what, List<String> secrets) {
    KitResult<JsonNode> r = post("token", form, what, secrets);
    if (!r.isSuccess()) return KitResult.failure(r.outcome(), r.httpStatus(), r.message());
    JsonNode json = r.value();
    String access = json == null ? "" : json.path("access_token").asText("");
    if (access.isEmpty()) {
      return KitResult.failure(
          KitOutcome.UNAVAILABLE, r.httpStatus(), "Kit's " + what + " answer holds no token");
    }
    JsonNode expiresIn = json.path("expires_in");
    Instant expiresAt =
        expiresIn.canConvertToLong()
            ? Instant.ofEpochMilli(wallClockMillis.getAsLong()).plusSeconds(expiresIn.asLong())
            : null;
    String refresh = json.path("refresh_token").asText("");
    return KitResult.success(
        new OAuthTokens(access, refresh.isEmpty() ? null : refresh, expiresAt), r.httpStatus());
  }

  /** Posts a form to {@code oauth/<path>} and says what came of it, every secret scrubbed. */
  private KitResult<JsonNode> post(String path, FormBody form, String what, List<String> secrets) {
    Request request =
        new Request.Builder().url(v4BaseUrl.resolve("oauth/" + path)).post(form).build();
    KitTransport.RawAnswer answer;
    try {
      answer = transport.exchange(request);
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && "interrupted".equals(e.getMessage())) {
        Thread.currentThread().interrupt();
      }
      return KitResult.failure(
          KitOutcome.UNAVAILABLE,
          0,
          scrub(
              "Kit's OAuth server did not answer the "
                  + what
                  + " ("
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + ")",
              secrets));
    }
    JsonNode json = KitJson.read(answer.text);
    if (answer.status >= 200 && answer.status < 300) {
      return KitResult.success(json, answer.status);
    }
    String error = json == null ? "" : json.path("error").asText("");
    String description = json == null ? "" : json.path("error_description").asText("");
    if (json != null && error.isEmpty() && json.path("errors").isArray()) {
      error = json.path("errors").path(0).asText("");
    }
    String words = description.isEmpty() ? error : error + ": " + description;
    if (words.isEmpty()) words = "HTTP " + answer.status;
    KitOutcome outcome = KitOutcome.forStatus(answer.status, false);
    for (String refusal : REFUSALS) {
      if (refusal.equals(error)) outcome = KitOutcome.BAD_CREDENTIALS;
    }
    return KitResult.failure(
        outcome, answer.status, scrub("Kit refused the " + what + ": " + words, secrets));
  }

  private static List<String> secrets(OAuthApp app, String... values) {
    List<String> out = new ArrayList<String>();
    for (String v : values) if (v != null && !v.isEmpty()) out.add(v);
    if (app.clientSecret() != null) out.add(app.clientSecret());
    return out;
  }

  private static String scrub(String text, List<String> secrets) {
    String out = text;
    for (String secret : secrets) {
      out = KitTransport.scrub(out, KitCredential.v3Secret(secret));
    }
    return out;
  }
}

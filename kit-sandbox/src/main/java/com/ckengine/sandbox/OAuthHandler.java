package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Kit's OAuth endpoints under {@code /v4/oauth/}: {@code authorize} (a consent page naming the app
 * and the account, whose "Authorize" button redirects to the app's redirect URI with {@code code}
 * and {@code state}), {@code token} (authorization code with PKCE S256, refresh token) and {@code
 * revoke} (RFC 7009). Token and revoke take their parameters as a form or as JSON, as Kit's
 * examples show both.
 */
final class OAuthHandler implements HttpHandler {
  private final SandboxStore store;
  private final OAuthStore oauth;

  OAuthHandler(SandboxStore store, OAuthStore oauth) {
    this.store = store;
    this.oauth = oauth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String action = exchange.getRequestURI().getPath().substring("/v4/oauth/".length());
    String method = exchange.getRequestMethod();
    try {
      if (action.equals("authorize") && method.equals("GET")) {
        consentPage(exchange, Exchanges.query(exchange));
      } else if (action.equals("authorize") && method.equals("POST")) {
        consent(exchange, params(exchange));
      } else if (action.equals("token") && method.equals("POST")) {
        token(exchange, params(exchange));
      } else if (action.equals("revoke") && method.equals("POST")) {
        Map<String, String> p = params(exchange);
        oauth.revoke(p.get("client_id"), p.get("client_secret"), p.get("token"));
        Exchanges.sendJson(exchange, 200, SandboxStore.NODES.objectNode());
      } else {
        Exchanges.sendJson(exchange, 404, V4Error.notFound().json());
      }
    } catch (OAuthError e) {
      ObjectNode body = SandboxStore.NODES.objectNode();
      body.put("error", e.error).put("error_description", e.getMessage());
      Exchanges.sendJson(exchange, e.status, body);
    } catch (ConsentError e) {
      html(
          exchange,
          400,
          "<h1>Cannot authorize</h1><p>" + StatePage.escape(e.getMessage()) + "</p>");
    }
  }

  /** The authorize request's checks: a known app, its own redirect URI, PKCE S256 if any. */
  private OAuthStore.App checked(Map<String, String> q) {
    OAuthStore.App app = oauth.app(q.get("client_id"));
    if (app == null) throw new ConsentError("Unknown client_id.");
    if (!app.redirectUri.equals(q.get("redirect_uri"))) {
      throw new ConsentError("redirect_uri is not one of the app's redirect URIs.");
    }
    if (!"code".equals(q.get("response_type"))) {
      throw new ConsentError("response_type must be code.");
    }
    String challenge = q.get("code_challenge");
    String method = q.get("code_challenge_method");
    if (challenge != null && !challenge.isEmpty() && !"S256".equals(method)) {
      throw new ConsentError("code_challenge_method must be S256.");
    }
    return app;
  }

  private void consentPage(HttpExchange exchange, Map<String, String> q) throws IOException {
    OAuthStore.App app = checked(q);
    StringBuilder h = new StringBuilder();
    h.append("<h1>Authorize ")
        .append(StatePage.escape(app.clientId))
        .append("</h1>")
        .append("<p>The app <strong>")
        .append(StatePage.escape(app.clientId))
        .append("</strong> asks to use the Kit account:</p>")
        .append("<form method=\"post\" action=\"/v4/oauth/authorize\">");
    for (String field :
        new String[] {
          "client_id",
          "redirect_uri",
          "response_type",
          "state",
          "code_challenge",
          "code_challenge_method"
        }) {
      String value = q.get(field);
      if (value != null) {
        h.append("<input type=\"hidden\" name=\"")
            .append(field)
            .append("\" value=\"")
            .append(StatePage.escape(value))
            .append("\">");
      }
    }
    h.append("<select name=\"account_id\" id=\"account\">");
    for (SandboxStore.Account a : store.accounts()) {
      h.append("<option value=\"")
          .append(a.id)
          .append("\">")
          .append(StatePage.escape(a.name))
          .append(" &lt;")
          .append(StatePage.escape(a.primaryEmail))
          .append("&gt;</option>");
    }
    h.append("</select> <button type=\"submit\" name=\"decision\" value=\"authorize\">")
        .append("Authorize</button> <button type=\"submit\" name=\"decision\" value=\"deny\">")
        .append("Deny</button></form>");
    html(exchange, 200, h.toString());
  }

  private void consent(HttpExchange exchange, Map<String, String> p) throws IOException {
    OAuthStore.App app = checked(p);
    String state = p.get("state");
    StringBuilder to = new StringBuilder(app.redirectUri);
    to.append(app.redirectUri.contains("?") ? '&' : '?');
    if (!"authorize".equals(p.get("decision"))) {
      to.append("error=access_denied");
    } else {
      SandboxStore.Account account = null;
      try {
        account = store.accountById(Long.parseLong(String.valueOf(p.get("account_id"))));
      } catch (NumberFormatException e) {
        account = null;
      }
      if (account == null) throw new ConsentError("Choose an account.");
      String challenge = p.get("code_challenge");
      String code =
          oauth.issueCode(
              app,
              account.id,
              app.redirectUri,
              challenge == null || challenge.isEmpty() ? null : challenge);
      to.append("code=").append(encode(code));
    }
    if (state != null) to.append("&state=").append(encode(state));
    exchange.getResponseHeaders().set("Location", to.toString());
    Exchanges.sendEmpty(exchange, 302);
  }

  private void token(HttpExchange exchange, Map<String, String> p) throws IOException {
    String grantType = p.get("grant_type");
    OAuthStore.Grant grant;
    if ("authorization_code".equals(grantType)) {
      grant =
          oauth.exchange(
              p.get("client_id"),
              p.get("client_secret"),
              p.get("code"),
              p.get("redirect_uri"),
              p.get("code_verifier"));
    } else if ("refresh_token".equals(grantType)) {
      grant = oauth.refresh(p.get("client_id"), p.get("client_secret"), p.get("refresh_token"));
    } else {
      throw new OAuthError(
          400,
          "unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server.");
    }
    ObjectNode body = SandboxStore.NODES.objectNode();
    body.put("access_token", grant.accessToken);
    body.put("token_type", "Bearer");
    body.put(
        "expires_in",
        Math.max(0, grant.expiresAt.getEpochSecond() - grant.createdAt.getEpochSecond()));
    body.put("refresh_token", grant.refreshToken);
    body.put("scope", "public");
    body.put("created_at", grant.createdAt.getEpochSecond());
    Exchanges.sendJson(exchange, 200, body);
  }

  /** A form body, or a JSON object of strings (Kit's examples send both). */
  private static Map<String, String> params(HttpExchange exchange) throws IOException {
    byte[] body = Exchanges.body(exchange);
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (!text.startsWith("{")) return Exchanges.form(text);
    JsonNode json;
    try {
      json = Exchanges.MAPPER.readTree(text);
    } catch (IOException e) {
      throw OAuthError.invalidRequest("The body is not JSON");
    }
    Map<String, String> params = new HashMap<String, String>();
    Iterator<Map.Entry<String, JsonNode>> it = json.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNull()) params.put(e.getKey(), e.getValue().asText());
    }
    return params;
  }

  private static void html(HttpExchange exchange, int status, String body) throws IOException {
    String page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kit sandbox: authorize</title>"
            + "</head><body style=\"font-family:sans-serif;margin:2em\">"
            + body
            + "</body></html>";
    Exchanges.send(
        exchange, status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String s) {
    try {
      return URLEncoder.encode(s, "UTF-8");
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }

  /** A consent request the page refuses (shown as a page, never redirected: RFC 6749 4.1.2.1). */
  private static final class ConsentError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConsentError(String message) {
      super(message, null, false, false);
    }
  }
}

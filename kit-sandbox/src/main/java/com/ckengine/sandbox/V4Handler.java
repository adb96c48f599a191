package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kit's v4 endpoints under {@code /v4/} (OAuth's own under {@code /v4/oauth/} are {@link
 * OAuthHandler}'s). Credentials come as {@code X-Kit-Api-Key} (a V4 API key) or {@code
 * Authorization: Bearer} (an OAuth access token); a v3 secret opens nothing here. Each request goes
 * through, in order: the injected delay, an injected failure, the rate limit of its credential (429
 * with the plain text {@code Retry later}), the credentials (401), an injected failure for its
 * account, the operation (OAuth-only ones refuse an API key with a 401), then for writes an
 * injected "after applying" answer. Every error is {@code {"errors": [...]}}.
 */
final class V4Handler implements HttpHandler {
  private final SandboxStore store;
  private final OAuthStore oauth;
  private final ApiTraffic traffic;
  private final Faults faults;
  private final V4Operations operations;
  private final V4Purchases purchases;
  private final V4Bulk bulk;

  V4Handler(SandboxStore store, OAuthStore oauth, ApiTraffic traffic, Faults faults) {
    this.store = store;
    this.oauth = oauth;
    this.traffic = traffic;
    this.faults = faults;
    this.operations = new V4Operations(store);
    this.purchases = new V4Purchases(store);
    this.bulk = new V4Bulk(store);
  }

  /** Who is asking: the kind of credential, its value, and how the state page names it. */
  private static final class Credential {
    final boolean oauth;
    final String value;

    Credential(boolean oauth, String value) {
      this.oauth = oauth;
      this.value = value;
    }

    String label() {
      return (oauth ? "OAuth token " : "v4 key ") + SandboxStore.mask(value);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    traffic.requests.incrementAndGet();
    byte[] body = Exchanges.body(exchange);
    String subscriber = InFlight.subscriberOf(body);
    traffic.inFlight.begin(subscriber);
    Exchanges.BEFORE_ANSWER.set(() -> traffic.inFlight.end(subscriber));
    String[] label = {"none"};
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath(); // never the query: v3 secrets travel there
    Exchanges.ON_STATUS.set(status -> traffic.record(method, path, label[0], status));
    try {
      serve(exchange, body, label);
    } finally {
      Runnable notRun = Exchanges.BEFORE_ANSWER.get();
      Exchanges.BEFORE_ANSWER.remove();
      if (notRun != null) notRun.run();
      java.util.function.IntConsumer unrecorded = Exchanges.ON_STATUS.get();
      Exchanges.ON_STATUS.remove();
      if (unrecorded != null) unrecorded.accept(-1); // dropped on purpose: no status
    }
  }

  private void serve(HttpExchange exchange, byte[] body, String[] label) throws IOException {
    try {
      long delay = faults.delayMillis();
      if (delay > 0) Thread.sleep(delay);
      int failure = faults.takeFailure();
      if (failure != 0) {
        send(exchange, injected(failure, null));
        return;
      }
      Credential credential = credential(exchange);
      if (credential != null) label[0] = credential.label();
      if (!withinLimit(credential)) {
        traffic.rateLimited.incrementAndGet();
        // Kit's v4 429: plain text, no Retry-After.
        Exchanges.send(exchange, 429, "text/plain", "Retry later".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String method = exchange.getRequestMethod();
      V4Answer answer;
      try {
        SandboxStore.Account account = authenticate(credential);
        Faults.AccountFailure accountFailure = faults.takeFailureFor(account.id);
        if (accountFailure != null) {
          send(exchange, injected(accountFailure.status, accountFailure.message));
          return;
        }
        JsonNode json;
        try {
          json = Exchanges.json(body);
        } catch (ApiError e) {
          throw V4Error.invalid("The request body is not JSON");
        }
        answer =
            route(method, path(exchange), Exchanges.query(exchange), json, account, credential);
      } catch (V4Error e) {
        send(exchange, e);
        return;
      }
      Faults.AfterApplying after = method.equals("GET") ? null : faults.takeAfterApplying();
      if (after == null) {
        send(exchange, answer);
      } else {
        actOut(exchange, after, answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (RuntimeException e) {
      send(exchange, new V4Error(500, "Internal server error: " + e));
    }
  }

  /** The request's credential: a bearer token wins over an API key; null when it has neither. */
  private static Credential credential(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Credential(true, authorization.substring(7).trim());
    }
    String key = exchange.getRequestHeaders().getFirst("X-Kit-Api-Key");
    return key == null || key.isEmpty() ? null : new Credential(false, key);
  }

  /** Each key and each token has its own window; requests with neither are never limited. */
  private boolean withinLimit(Credential credential) {
    if (credential == null) return true;
    WindowLimit limit = credential.oauth ? traffic.oauthLimit : traffic.keyLimit;
    String key = (credential.oauth ? "oauth:" : "v4-key:") + credential.value;
    return !limit.enabled() || limit.tryAcquire(key, System.nanoTime());
  }

  private SandboxStore.Account authenticate(Credential credential) {
    if (credential == null) throw V4Error.invalidToken();
    if (credential.oauth) return oauth.accountOf(credential.value);
    SandboxStore.Account account = store.accountOfV4Key(credential.value);
    if (account == null) throw V4Error.invalidToken();
    return account;
  }

  private V4Answer route(
      String method,
      List<String> path,
      Map<String, String> query,
      JsonNode body,
      SandboxStore.Account account,
      Credential credential) {
    String first = path.isEmpty() ? "" : path.get(0);
    int size = path.size();
    boolean get = method.equals("GET");
    boolean post = method.equals("POST");
    boolean delete = method.equals("DELETE");
    if (first.equals("account") && size == 1 && get) return operations.account(account);
    if (first.equals("tags")) {
      if (size == 1 && get) return operations.listTags(account, query);
      if (size == 1 && post) return operations.createTag(account, body);
      if (size == 3 && path.get(2).equals("subscribers")) {
        if (post) return operations.tagByEmail(account, id(path.get(1)), body);
        if (delete) return operations.untagByEmail(account, id(path.get(1)), body);
      }
      if (size == 4 && path.get(2).equals("subscribers")) {
        if (post) return operations.tagById(account, id(path.get(1)), id(path.get(3)), body);
        if (delete) return operations.untagById(account, id(path.get(1)), id(path.get(3)), body);
      }
    }
    if (first.equals("subscribers") && size == 1) {
      if (get) return operations.listSubscribers(account, query);
      if (post) return operations.upsertSubscriber(account, body);
    }
    if (first.equals("forms")) {
      if (size == 1 && get) return operations.listForms(account, query);
      if (size == 3 && post && path.get(2).equals("subscribers")) {
        return operations.addToForm(account, id(path.get(1)), body);
      }
    }
    if (first.equals("sequences")) {
      if (size == 1 && get) return operations.listSequences(account, query);
      if (size == 3 && post && path.get(2).equals("subscribers")) {
        return operations.addToSequence(account, id(path.get(1)), body);
      }
    }
    if (first.equals("custom_fields") && size == 1 && get) {
      return operations.listCustomFields(account, query);
    }
    if (first.equals("purchases")) {
      oauthOnly(credential);
      if (size == 1 && post) return purchases.create(account, body);
      if (size == 1 && get) return purchases.list(account, query);
      if (size == 2 && get) return purchases.get(account, id(path.get(1)));
    }
    if (first.equals("bulk")) {
      oauthOnly(credential);
      if (size == 3 && post && path.get(1).equals("tags") && path.get(2).equals("subscribers")) {
        return bulk.tagSubscribers(account, body);
      }
      if (size == 2 && post && path.get(1).equals("subscribers")) {
        return bulk.createSubscribers(account, body);
      }
    }
    throw V4Error.notFound();
  }

  /**
   * Purchases and bulk endpoints accept OAuth only; Kit's reference lists OAuth2 as their only
   * security and answers 401 to a credential it cannot authenticate for them.
   */
  private static void oauthOnly(Credential credential) {
    if (!credential.oauth) throw V4Error.invalidToken();
  }

  private static void send(HttpExchange exchange, V4Error error) throws IOException {
    Exchanges.sendJson(exchange, error.status, error.json());
  }

  private static void send(HttpExchange exchange, V4Answer answer) throws IOException {
    if (answer.json == null) Exchanges.sendEmpty(exchange, answer.status);
    else Exchanges.sendJson(exchange, answer.status, answer.json);
  }

  private static void actOut(HttpExchange exchange, Faults.AfterApplying after, V4Answer answer)
      throws IOException, InterruptedException {
    switch (after.kind) {
      case STATUS:
        send(exchange, injected(after.status, null));
        return;
      case UNREADABLE:
        Exchanges.send(
            exchange,
            200,
            "text/html; charset=utf-8",
            "<html><body>Service temporarily busy</body></html>".getBytes(StandardCharsets.UTF_8));
        return;
      case DROP:
        exchange.close();
        return;
      default:
        Thread.sleep(after.delayMillis);
        send(exchange, answer);
    }
  }

  /** An injected failure in v4's shape, with the test's message if it chose one. */
  private static V4Error injected(int status, String message) {
    if (message != null) return new V4Error(status, message);
    switch (status) {
      case 401:
        return V4Error.invalidToken();
      case 404:
        return V4Error.notFound();
      case 403:
        return new V4Error(403, "Forbidden");
      case 422:
        return V4Error.invalid("Injected validation failure");
      case 429:
        return new V4Error(429, "Retry later");
      default:
        return new V4Error(status, status < 500 ? "Bad request" : "Internal server error");
    }
  }

  private static List<String> path(HttpExchange exchange) {
    String rest = exchange.getRequestURI().getPath().substring("/v4/".length());
    List<String> segments = new ArrayList<String>();
    for (String s : rest.split("/")) {
      if (!s.isEmpty()) segments.add(s);
    }
    return segments;
  }

  private static long id(String segment) {
    try {
      return Long.parseLong(segment);
    } catch (NumberFormatException e) {
      throw V4Error.notFound();
    }
  }
}

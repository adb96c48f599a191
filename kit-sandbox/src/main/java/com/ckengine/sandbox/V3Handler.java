package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kit's v3 endpoints under {@code /v3/}. Each request goes through, in order: the injected delay,
 * an injected failure, the rate limit of its account (429, no body), the credentials (401), an
 * injected failure for its account, the operation, then for writes an injected "after applying"
 * answer.
 */
final class V3Handler implements HttpHandler {
  private final SandboxStore store;
  private final ApiTraffic traffic;
  private final WindowLimit limit;
  private final Faults faults;

  V3Handler(SandboxStore store, ApiTraffic traffic, Faults faults) {
    this.store = store;
    this.traffic = traffic;
    this.limit = traffic.keyLimit;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    traffic.requests.incrementAndGet();
    byte[] body = Exchanges.body(exchange);
    String subscriber = InFlight.subscriberOf(body);
    traffic.inFlight.begin(subscriber);
    // Served once the answer starts, not once this thread gets back here: by then the client may
    // have read the answer and sent its next request about the same subscriber.
    Exchanges.BEFORE_ANSWER.set(() -> traffic.inFlight.end(subscriber));
    String[] credential = {"none"};
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath(); // never the query: v3 secrets travel there
    Exchanges.ON_STATUS.set(status -> traffic.record(method, path, credential[0], status));
    try {
      serve(exchange, body, credential);
    } finally {
      Runnable notRun = Exchanges.BEFORE_ANSWER.get();
      Exchanges.BEFORE_ANSWER.remove();
      if (notRun != null) notRun.run(); // no answer was sent (the connection dropped on purpose)
      java.util.function.IntConsumer unrecorded = Exchanges.ON_STATUS.get();
      Exchanges.ON_STATUS.remove();
      if (unrecorded != null) unrecorded.accept(-1); // dropped on purpose: no status
    }
  }

  private void serve(HttpExchange exchange, byte[] body, String[] credential) throws IOException {
    try {
      long delay = faults.delayMillis();
      if (delay > 0) Thread.sleep(delay);
      int failure = faults.takeFailure();
      if (failure != 0) {
        Exchanges.sendError(exchange, injected(failure));
        return;
      }
      Map<String, String> query = Exchanges.query(exchange);
      JsonNode json;
      try {
        json = Exchanges.json(body);
      } catch (ApiError e) {
        Exchanges.sendError(exchange, e);
        return;
      }
      String secret = secret(query, json);
      if (secret != null) credential[0] = "v3 secret " + SandboxStore.mask(secret);
      // The account's key is looked up only when there is a limit to keep (the store's lock).
      if (limit.enabled() && !limit.tryAcquire(store.limitKey(secret), System.nanoTime())) {
        traffic.rateLimited.incrementAndGet();
        Exchanges.sendEmpty(exchange, 429);
        return;
      }
      String method = exchange.getRequestMethod();
      JsonNode answer;
      try {
        SandboxStore.Account account = store.authenticate(secret);
        Faults.AccountFailure accountFailure = faults.takeFailureFor(account.id);
        if (accountFailure != null) {
          Exchanges.sendError(exchange, injected(accountFailure));
          return;
        }
        answer = route(method, path(exchange), query, json, account);
      } catch (ApiError e) {
        Exchanges.sendError(exchange, e);
        return;
      }
      Faults.AfterApplying after = method.equals("GET") ? null : faults.takeAfterApplying();
      if (after == null) {
        Exchanges.sendJson(exchange, 200, answer);
      } else {
        actOut(exchange, after, answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (RuntimeException e) {
      Exchanges.sendError(exchange, new ApiError(500, "Internal Server Error", String.valueOf(e)));
    }
  }

  private JsonNode route(
      String method,
      List<String> path,
      Map<String, String> query,
      JsonNode body,
      SandboxStore.Account account) {
    String first = path.isEmpty() ? "" : path.get(0);
    if (method.equals("GET") && path.size() == 1 && first.equals("account")) {
      return store.account(account);
    }
    if (first.equals("tags")) {
      if (path.size() == 1 && method.equals("GET")) return store.listTags(account);
      if (path.size() == 1 && method.equals("POST")) return createTags(account, body);
      if (path.size() == 3 && method.equals("POST") && path.get(2).equals("subscribe")) {
        return store.subscribe(
            account,
            id(path.get(1)),
            text(body, "email"),
            text(body, "first_name"),
            fields(body),
            tagIds(body));
      }
      if (path.size() == 3 && method.equals("POST") && path.get(2).equals("unsubscribe")) {
        return store.unsubscribe(account, id(path.get(1)), text(body, "email"));
      }
    }
    if (first.equals("custom_fields") && path.size() == 1 && method.equals("GET")) {
      return store.listCustomFields(account);
    }
    if (first.equals("forms") || first.equals("sequences")) {
      boolean form = first.equals("forms");
      if (path.size() == 1 && method.equals("GET")) {
        return form ? store.listForms(account) : store.listCourses(account);
      }
      if (path.size() == 3 && method.equals("POST") && path.get(2).equals("subscribe")) {
        return store.subscribeTo(
            account,
            form,
            id(path.get(1)),
            text(body, "email"),
            text(body, "first_name"),
            fields(body),
            tagIds(body));
      }
    }
    if (first.equals("subscribers")) {
      if (path.size() == 1 && method.equals("GET")) {
        return store.findSubscribers(account, query.get("email_address"));
      }
      if (path.size() == 4 && method.equals("DELETE") && path.get(2).equals("tags")) {
        return store.removeTagging(account, id(path.get(1)), id(path.get(3)));
      }
    }
    if (first.equals("purchases")) {
      if (path.size() == 1 && method.equals("POST")) {
        return store.recordPurchase(account, body == null ? null : body.get("purchase"));
      }
      if (path.size() == 1 && method.equals("GET")) {
        return store.listPurchases(account, page(query.get("page")));
      }
      if (path.size() == 2 && method.equals("GET")) return store.purchase(account, id(path.get(1)));
    }
    throw ApiError.notFound();
  }

  /** {@code {"tag": {"name"}}} answers the tag; {@code {"tag": [...]}} answers an array. */
  private JsonNode createTags(SandboxStore.Account account, JsonNode body) {
    JsonNode tag = body == null ? null : body.get("tag");
    if (tag == null) throw ApiError.missing("tag");
    if (!tag.isArray()) return store.createTag(account, text(tag, "name"));
    ArrayNode created = SandboxStore.NODES.arrayNode();
    for (JsonNode one : tag) created.add(store.createTag(account, text(one, "name")));
    return created;
  }

  /** Answers a write the sandbox has applied in the way a test asked for. */
  private static void actOut(HttpExchange exchange, Faults.AfterApplying after, JsonNode answer)
      throws IOException, InterruptedException {
    switch (after.kind) {
      case STATUS:
        Exchanges.sendError(exchange, injected(after.status));
        return;
      case UNREADABLE:
        Exchanges.send(
            exchange,
            200,
            "text/html; charset=utf-8",
            "<html><body>Service temporarily busy</body></html>".getBytes("UTF-8"));
        return;
      case DROP:
        // Closing an exchange that has sent nothing closes its connection: no answer at all.
        exchange.close();
        return;
      default:
        Thread.sleep(after.delayMillis);
        Exchanges.sendJson(exchange, 200, answer);
    }
  }

  /** Kit's {@code page}: from 1; anything else reads as the first page. */
  private static int page(String page) {
    if (page == null) return 1;
    try {
      return Math.max(1, Integer.parseInt(page.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** The injected failure of an account, with the message the test chose (if it chose one). */
  private static ApiError injected(Faults.AccountFailure failure) {
    ApiError usual = injected(failure.status);
    return failure.message == null
        ? usual
        : new ApiError(failure.status, usual.error, failure.message);
  }

  private static ApiError injected(int status) {
    switch (status) {
      case 401:
        return ApiError.keyNotValid();
      case 404:
        return ApiError.notFound();
      case 400:
        return ApiError.missing("something");
      case 403:
        return new ApiError(403, "Forbidden", "Subscriber limit of the account exceeded");
      case 422:
        return ApiError.invalid("Injected validation failure");
      default:
        return new ApiError(status, "Internal Server Error", "Injected failure");
    }
  }

  /** Kit takes the credentials from the query or the JSON body. */
  private static String secret(Map<String, String> query, JsonNode body) {
    String secret = query.get("api_secret");
    if (secret == null) secret = query.get("api_key");
    if (secret == null && body != null) secret = text(body, "api_secret");
    if (secret == null && body != null) secret = text(body, "api_key");
    return secret;
  }

  private static List<String> path(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getPath();
    String rest = raw.substring(exchange.getHttpContext().getPath().length());
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
      throw ApiError.notFound();
    }
  }

  private static String text(JsonNode json, String field) {
    if (json == null) return null;
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Map<String, String> fields(JsonNode body) {
    JsonNode fields = body == null ? null : body.get("fields");
    if (fields == null || !fields.isObject()) return Collections.emptyMap();
    Map<String, String> map = new LinkedHashMap<String, String>();
    Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      map.put(e.getKey(), e.getValue().asText());
    }
    return map;
  }

  private static List<Long> tagIds(JsonNode body) {
    JsonNode tags = body == null ? null : body.get("tags");
    List<Long> ids = new ArrayList<Long>();
    if (tags == null || !tags.isArray()) return ids;
    for (JsonNode id : tags) {
      if (!id.canConvertToLong() && !id.asText().matches("\\d+")) {
        throw ApiError.invalid("tags must be tag ids");
      }
      ids.add(id.asLong());
    }
    return ids;
  }
}

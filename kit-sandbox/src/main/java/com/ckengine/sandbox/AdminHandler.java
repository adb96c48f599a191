package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Fault injection over HTTP under {@code /sandbox/}, for demos driven from a shell. Mirrors the
 * Java API of {@link KitSandbox}; changes are POSTs with query parameters, e.g. {@code curl -X POST
 * 'http://localhost:8089/sandbox/fail?count=3&status=500'}.
 */
final class AdminHandler implements HttpHandler {
  private final KitSandbox sandbox;

  AdminHandler(KitSandbox sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String action = exchange.getRequestURI().getPath().substring("/sandbox/".length());
    Map<String, String> q = Exchanges.query(exchange);
    boolean post = exchange.getRequestMethod().equals("POST");
    ObjectNode answer = SandboxStore.NODES.objectNode();
    try {
      if (action.equals("stats")) {
        answer.put("requests", sandbox.requestCount());
        answer.put("rate_limited", sandbox.rateLimitedCount());
      } else if (!post) {
        Exchanges.sendError(exchange, new ApiError(405, "Method Not Allowed", "use POST"));
        return;
      } else if (action.equals("fail")) {
        sandbox.failNext((int) number(q, "count"), (int) number(q, "status"));
      } else if (action.equals("fail-after-applying")) {
        sandbox.failNextAfterApplying((int) number(q, "count"), (int) number(q, "status"));
      } else if (action.equals("add-secret")) {
        answer.put("api_secret", sandbox.addSecret(required(q, "secret")));
      } else if (action.equals("delay")) {
        sandbox.delayResponses(Duration.ofMillis(number(q, "millis")));
      } else if (action.equals("reset")) {
        sandbox.clearFaults();
      } else if (action.equals("reject")) {
        sandbox.rejectSecret(required(q, "secret"));
      } else if (action.equals("rotate")) {
        answer.put("api_secret", sandbox.rotateSecret(required(q, "secret")));
      } else if (action.equals("create-field")) {
        answer.put("id", sandbox.createCustomField(required(q, "secret"), required(q, "label")));
      } else if (action.equals("delete-field")) {
        answer.put("deleted", sandbox.deleteCustomField(required(q, "secret"), required(q, "key")));
      } else if (action.equals("delete-tag")) {
        answer.put("deleted", sandbox.deleteTag(required(q, "secret"), number(q, "id")));
      } else {
        throw ApiError.notFound();
      }
      answer.put("ok", true);
      Exchanges.sendJson(exchange, 200, answer);
    } catch (ApiError e) {
      Exchanges.sendError(exchange, e);
    } catch (IllegalArgumentException e) {
      Exchanges.sendError(exchange, new ApiError(400, "Bad Request", e.getMessage()));
    }
  }

  private static String required(Map<String, String> q, String name) {
    String value = q.get(name);
    if (value == null || value.isEmpty()) throw ApiError.missing(name);
    return value;
  }

  private static long number(Map<String, String> q, String name) {
    try {
      return Long.parseLong(required(q, name));
    } catch (NumberFormatException e) {
      throw new ApiError(400, "Bad Request", name + " must be a number");
    }
  }
}

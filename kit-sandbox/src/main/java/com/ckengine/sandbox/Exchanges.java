package com.ckengine.sandbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reading requests and writing answers over the JDK's HTTP server. */
final class Exchanges {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .setNodeFactory(SandboxStore.NODES);

  private Exchanges() {}

  static Map<String, String> query(HttpExchange exchange) {
    return form(exchange.getRequestURI().getRawQuery());
  }

  /** Parameters in {@code application/x-www-form-urlencoded} form (a query or a form body). */
  static Map<String, String> form(String raw) {
    Map<String, String> params = new HashMap<String, String>();
    if (raw == null || raw.isEmpty()) return params;
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(decode(name), decode(value));
    }
    return params;
  }

  static byte[] body(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
    return out.toByteArray();
  }

  /** The JSON body, or null when there is none; a 400 when it is not JSON. */
  static JsonNode json(byte[] body) {
    if (body.length == 0) return null;
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiError(400, "Your request is missing parameters", "The body is not JSON");
    }
  }

  static void sendJson(HttpExchange exchange, int status, JsonNode json) throws IOException {
    send(exchange, status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(json));
  }

  static void sendError(HttpExchange exchange, ApiError error) throws IOException {
    Map<String, String> body = new java.util.LinkedHashMap<String, String>();
    body.put("error", error.error);
    if (error.getMessage() != null) body.put("message", error.getMessage());
    send(exchange, error.status, "application/json; charset=utf-8", MAPPER.writeValueAsBytes(body));
  }

  /**
   * Run once just before the answer's first byte is sent, on the thread that serves the exchange,
   * so that whoever counts a request as served has counted it before the client can see the answer.
   * (A thread-local, not an exchange attribute: the JDK server keeps those per context, shared by
   * every exchange.)
   */
  static final ThreadLocal<Runnable> BEFORE_ANSWER = new ThreadLocal<Runnable>();

  /**
   * Told the status just before the answer's first byte is sent, on the thread that serves the
   * exchange (the recent calls of the state page), so that a client that has its answer finds the
   * call recorded.
   */
  static final ThreadLocal<java.util.function.IntConsumer> ON_STATUS =
      new ThreadLocal<java.util.function.IntConsumer>();

  private static void beforeAnswer(int status) {
    java.util.function.IntConsumer record = ON_STATUS.get();
    ON_STATUS.remove();
    if (record != null) record.accept(status);
    Runnable hook = BEFORE_ANSWER.get();
    BEFORE_ANSWER.remove();
    if (hook != null) hook.run();
  }

  static void sendEmpty(HttpExchange exchange, int status) throws IOException {
    beforeAnswer(status);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    beforeAnswer(status);
    exchange.sendResponseHeaders(status, body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body);
    out.close();
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8.name());
    } catch (UnsupportedEncodingException e) {
      throw new AssertionError(e);
    }
  }
}

package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the sandbox is serving at this moment, for tests of clients that make several calls at once:
 * the most requests ever in flight together, and how often a request about a subscriber arrived
 * while another about the same subscriber was still being served (a client that promises one call
 * at a time per subscriber must keep that at zero). Thread-safe.
 */
final class InFlight {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Integer> bySubscriber = new HashMap<String, Integer>();
  private int now;
  private int peak;
  private long overlaps;

  synchronized void begin(String subscriber) {
    now++;
    peak = Math.max(peak, now);
    if (subscriber == null) return;
    Integer n = bySubscriber.get(subscriber);
    if (n != null) overlaps++;
    bySubscriber.put(subscriber, n == null ? 1 : n + 1);
  }

  synchronized void end(String subscriber) {
    now--;
    if (subscriber == null) return;
    Integer n = bySubscriber.get(subscriber);
    if (n == null || n <= 1) bySubscriber.remove(subscriber);
    else bySubscriber.put(subscriber, n - 1);
  }

  synchronized int peak() {
    return peak;
  }

  synchronized long overlaps() {
    return overlaps;
  }

  synchronized void reset() {
    peak = now;
    overlaps = 0;
  }

  /**
   * The subscriber a request body is about (tag, untag, upsert or purchase, v3 or v4), lower-cased;
   * else null.
   */
  static String subscriberOf(byte[] body) {
    if (body == null || body.length == 0) return null;
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
    if (json == null || !json.isObject()) return null;
    JsonNode email = json.get("email");
    if (email == null) email = json.get("email_address"); // v4
    if (email == null && json.get("purchase") != null) {
      email = json.get("purchase").get("email_address");
    }
    return email == null || !email.isTextual() ? null : email.asText().toLowerCase(Locale.ROOT);
  }
}

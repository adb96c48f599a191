package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Kit's bulk endpoints (OAuth only): {@code POST /v4/bulk/tags/subscribers} and {@code POST
 * /v4/bulk/subscribers}. Up to {@value #SYNC_LIMIT} items are applied at once and answered 200 with
 * what was made and, per item that could not be, a failure naming it; more are applied too and
 * answered 202 {@code {}}, as Kit answers before processing a large batch. (The sandbox does not
 * call {@code callback_url}.)
 */
final class V4Bulk {
  /** The reference: "synchronously when 100 or less tags/subscribers are requested". */
  static final int SYNC_LIMIT = 100;

  private static final List<String> TAGGING =
      Collections.unmodifiableList(Arrays.asList("tag_id", "subscriber_id"));

  /** The fields of one subscriber of a bulk create, as the reference lists them. */
  private static final List<String> BULK_SUBSCRIBER =
      Collections.unmodifiableList(Arrays.asList("first_name", "email_address", "state"));

  private final SandboxStore store;

  V4Bulk(SandboxStore store) {
    this.store = store;
  }

  V4Answer tagSubscribers(SandboxStore.Account a, JsonNode body) {
    V4Body b =
        V4Body.of(body, Collections.<String>emptyList(), Arrays.asList("taggings", "callback_url"));
    JsonNode taggings = b.get("taggings");
    if (taggings == null || !taggings.isArray() || taggings.size() == 0) {
      throw V4Error.invalid("No taggings included for processing");
    }
    for (JsonNode tagging : taggings) {
      if (!tagging.isObject()) throw V4Error.invalid("Each tagging must be an object");
      List<String> unknown =
          V4Body.unknownFields(tagging, TAGGING, Collections.<String>emptyList(), "taggings.");
      if (!unknown.isEmpty()) throw V4Error.invalid(unknown.toArray(new String[0]));
    }
    ObjectNode answer = SandboxStore.NODES.objectNode();
    ArrayNode subscribers = answer.putArray("subscribers");
    ArrayNode failures = answer.putArray("failures");
    synchronized (store) {
      for (JsonNode tagging : taggings) {
        SandboxStore.Subscriber s =
            idOf(tagging, "subscriber_id") == null
                ? null
                : a.subscriberById(idOf(tagging, "subscriber_id"));
        Long tagId = idOf(tagging, "tag_id");
        if (s == null) {
          failures.add(failure("Subscriber does not exist", tagging));
        } else if (tagId == null || !a.tags.containsKey(tagId)) {
          failures.add(failure("Tag does not exist", tagging));
        } else {
          if (!s.taggings.containsKey(tagId)) {
            s.taggings.put(tagId, store.nextId());
            s.taggedAt.put(tagId, SandboxStore.now());
          }
          ObjectNode tagged = V4Shapes.taggedSubscriber(s, tagId);
          tagged.remove("state");
          tagged.remove("fields");
          subscribers.add(tagged);
        }
      }
    }
    if (taggings.size() > SYNC_LIMIT) return new V4Answer(202, SandboxStore.NODES.objectNode());
    return V4Answer.ok(answer);
  }

  /**
   * Kit's bulk create: "Creates or updates the subscribers" as the single upsert does (a new one is
   * made in {@code state}, default active; a known one gets its first name). The reference lists
   * {@code first_name}, {@code email_address} and {@code state} per subscriber (no custom fields).
   * An invalid email is a failure echoing the subscriber with its email null, as Kit's example
   * shows: {@code {"subscriber":{"first_name","email_address":null,"state","created_at":null},
   * "errors":["Email address is invalid"]}}.
   */
  V4Answer createSubscribers(SandboxStore.Account a, JsonNode body) {
    V4Body b =
        V4Body.of(
            body, Collections.<String>emptyList(), Arrays.asList("subscribers", "callback_url"));
    JsonNode subscribers = b.get("subscribers");
    if (subscribers == null || !subscribers.isArray() || subscribers.size() == 0) {
      throw V4Error.invalid("No subscribers included for processing");
    }
    for (JsonNode s : subscribers) {
      if (!s.isObject()) throw V4Error.invalid("Each subscriber must be an object");
      List<String> unknown =
          V4Body.unknownFields(s, Collections.<String>emptyList(), BULK_SUBSCRIBER, "subscribers.");
      if (!unknown.isEmpty()) throw V4Error.invalid(unknown.toArray(new String[0]));
    }
    ObjectNode answer = SandboxStore.NODES.objectNode();
    ArrayNode made = answer.putArray("subscribers");
    ArrayNode failures = answer.putArray("failures");
    synchronized (store) {
      for (JsonNode s : subscribers) {
        String email = s.path("email_address").asText("").trim();
        String firstName = s.path("first_name").isTextual() ? s.get("first_name").asText() : null;
        String state = s.path("state").isTextual() ? s.get("state").asText() : null;
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
          failures.add(subscriberFailure("Email address is invalid", firstName, state));
          continue;
        }
        if (state != null && !V4Shapes.STATES.contains(state)) {
          failures.add(subscriberFailure("State is not included in the list", firstName, state));
          continue;
        }
        SandboxStore.Subscriber subscriber = a.subscriber(email);
        if (subscriber == null) {
          subscriber = store.addSubscriber(a, email);
          if (state != null) subscriber.state = state;
        }
        if (s.has("first_name")) subscriber.firstName = firstName;
        ObjectNode node = V4Shapes.subscriber(subscriber);
        node.remove("fields");
        made.add(node);
      }
    }
    if (subscribers.size() > SYNC_LIMIT) return new V4Answer(202, SandboxStore.NODES.objectNode());
    return V4Answer.ok(answer);
  }

  private static ObjectNode subscriberFailure(String error, String firstName, String state) {
    ObjectNode failure = SandboxStore.NODES.objectNode();
    ObjectNode echo = failure.putObject("subscriber");
    echo.put("first_name", firstName);
    echo.putNull("email_address");
    echo.put("state", state == null ? "active" : state);
    echo.putNull("created_at");
    failure.putArray("errors").add(error);
    return failure;
  }

  private static Long idOf(JsonNode tagging, String field) {
    JsonNode id = tagging.get(field);
    return id != null && id.canConvertToLong() && id.isIntegralNumber() ? id.asLong() : null;
  }

  private static ObjectNode failure(String error, JsonNode tagging) {
    ObjectNode failure = SandboxStore.NODES.objectNode();
    failure.putArray("errors").add(error);
    ObjectNode echo = failure.putObject("tagging");
    for (String field : TAGGING) {
      JsonNode value = tagging.get(field);
      if (value == null) echo.putNull(field);
      else echo.set(field, value);
    }
    return failure;
  }
}

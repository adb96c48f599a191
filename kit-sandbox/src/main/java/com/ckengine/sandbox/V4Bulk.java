package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Kit's {@code POST /v4/bulk/tags/subscribers} (OAuth only). Up to {@value #SYNC_LIMIT} taggings
 * are applied at once and answered 200 with the tagged subscribers and, per tagging that could not
 * be made, a failure naming it; more are applied too and answered 202 {@code {}}, as Kit answers
 * before processing a large batch. (The sandbox does not call {@code callback_url}.)
 */
final class V4Bulk {
  /** The reference: "synchronously when 100 or less tags/subscribers are requested". */
  static final int SYNC_LIMIT = 100;

  private static final List<String> TAGGING =
      Collections.unmodifiableList(Arrays.asList("tag_id", "subscriber_id"));

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

package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** A v4 answer: its status and its JSON body (null for Kit's empty 204). */
final class V4Answer {
  final int status;
  final JsonNode json;

  V4Answer(int status, JsonNode json) {
    this.status = status;
    this.json = json;
  }

  static V4Answer ok(JsonNode json) {
    return new V4Answer(200, json);
  }

  /** 201 when something was made, 200 when it already was there: Kit's rule for upserts. */
  static V4Answer madeOrFound(boolean made, JsonNode json) {
    return new V4Answer(made ? 201 : 200, json);
  }

  static V4Answer noContent() {
    return new V4Answer(204, null);
  }
}

package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code {"subscribers":[...]}}, the answer of a look-up by email in both versions. */
final class Subscribers {
  private Subscribers() {}

  static List<KitSubscriber> read(JsonNode json) throws IOException {
    List<KitSubscriber> found = new ArrayList<KitSubscriber>();
    for (JsonNode s : KitJson.array(json, "subscribers")) found.add(subscriber(s));
    return found;
  }

  static KitSubscriber subscriber(JsonNode s) throws IOException {
    JsonNode firstName = s.get("first_name");
    return new KitSubscriber(
        KitJson.id(s),
        KitJson.text(s, "email_address"),
        s.path("state").asText(""),
        firstName == null || firstName.isNull() ? null : firstName.asText());
  }

  /** The first subscriber found, or {@link KitOutcome#NOT_FOUND} when Kit has none. */
  static KitResult<KitSubscriber> first(KitResult<List<KitSubscriber>> lookUp) {
    if (!lookUp.isSuccess()) return retyped(lookUp);
    if (lookUp.value().isEmpty()) {
      return KitResult.failure(
          KitOutcome.NOT_FOUND, lookUp.httpStatus(), "no subscriber with this email in Kit");
    }
    return KitResult.success(lookUp.value().get(0), lookUp.httpStatus());
  }

  /** A failure as a result of another value type: the same outcome, status, message and wait. */
  static <T> KitResult<T> retyped(KitResult<?> failure) {
    if (failure.outcome() == KitOutcome.THROTTLED) {
      return KitResult.throttled(failure.retryAfter(), failure.message());
    }
    return KitResult.failure(failure.outcome(), failure.httpStatus(), failure.message());
  }
}

package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Unwinds a v4 request to an error answer in Kit's v4 shape: {@code {"errors": ["..."]}}, the same
 * on every status.
 */
final class V4Error extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final List<String> errors;

  V4Error(int status, String... errors) {
    super(status + " " + Arrays.toString(errors), null, false, false);
    this.status = status;
    this.errors = Collections.unmodifiableList(Arrays.asList(errors));
  }

  /** Kit's words for a credential it does not accept (its reference's example). */
  static V4Error invalidToken() {
    return new V4Error(401, "The access token is invalid");
  }

  static V4Error notFound() {
    return new V4Error(404, "Not Found");
  }

  /** Kit answers 422 for parameters that are missing or invalid. */
  static V4Error invalid(String... errors) {
    return new V4Error(422, errors);
  }

  ObjectNode json() {
    ObjectNode json = SandboxStore.NODES.objectNode();
    ArrayNode list = json.putArray("errors");
    for (String e : errors) list.add(e);
    return json;
  }
}

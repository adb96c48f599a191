package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * A v4 request body read strictly: a JSON object whose fields are all ones the endpoint documents,
 * with every field it requires. Anything else is a 422 naming each problem, so a client that sends
 * a misspelt or invented field learns it here rather than from Kit's silence.
 */
final class V4Body {
  private final JsonNode json;

  private V4Body(JsonNode json) {
    this.json = json;
  }

  /**
   * Checks {@code body} (null when the request had none) against the fields an endpoint knows.
   *
   * @param required fields that must be present and not null (strings not blank)
   * @param optional fields that may be present
   */
  static V4Body of(JsonNode body, List<String> required, List<String> optional) {
    if (body == null) body = SandboxStore.NODES.objectNode();
    if (!body.isObject()) throw V4Error.invalid("The request body must be a JSON object");
    List<String> problems = new ArrayList<String>();
    problems.addAll(unknownFields(body, required, optional, ""));
    for (String field : required) {
      if (blank(body.get(field))) problems.add(label(field) + " can't be blank");
    }
    if (!problems.isEmpty()) throw V4Error.invalid(problems.toArray(new String[0]));
    return new V4Body(body);
  }

  static V4Body of(JsonNode body, String[] required, String... optional) {
    return of(body, Arrays.asList(required), Arrays.asList(optional));
  }

  /** The unknown fields of {@code object}, each as a problem ("Unknown parameter: x"). */
  static List<String> unknownFields(
      JsonNode object, List<String> required, List<String> optional, String prefix) {
    List<String> problems = new ArrayList<String>();
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!required.contains(name) && !optional.contains(name)) {
        problems.add("Unknown parameter: " + prefix + name);
      }
    }
    return problems;
  }

  static boolean blank(JsonNode value) {
    return value == null
        || value.isNull()
        || (value.isTextual() && value.asText().trim().isEmpty());
  }

  /** "email_address" reads "Email address", as in Kit's messages. */
  static String label(String field) {
    String words = field.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  JsonNode get(String field) {
    return json.get(field);
  }

  /** The field as text, or null when absent or null. */
  String text(String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  ObjectNode object() {
    return (ObjectNode) json;
  }
}

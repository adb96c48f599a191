package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.StoreField;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The values an event can send to mapped Kit custom fields, as kept in {@code CK_EVENT.FACTS_JSON}:
 * the host's customer facts and the product just bought, derived here from the lines when the event
 * is stored. Kept with the event, so a retry days later sends what was true when it happened, not
 * what the store says now.
 */
final class EventFacts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventFacts() {}

  /**
   * The event's facts that {@code mapped} names, as stored JSON ({@code {"LAST_NAME":"Lee",...}}),
   * or null when none: a customer's phone or address is kept only where an integration of the event
   * sends it to Kit.
   */
  static String write(StoreEvent event, Set<StoreField> mapped) {
    if (mapped.isEmpty()) return null;
    Map<StoreField, String> facts = new EnumMap<StoreField, String>(StoreField.class);
    facts.putAll(event.customerFacts());
    String bought = productBought(event);
    if (bought != null) facts.put(StoreField.PRODUCT_BOUGHT, bought);
    facts.keySet().retainAll(mapped);
    if (facts.isEmpty()) return null;
    ObjectNode o = JSON.createObjectNode();
    for (Map.Entry<StoreField, String> f : facts.entrySet()) o.put(f.getKey().name(), f.getValue());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The stored facts; a name this version does not know (written by a newer one) is left out.
   *
   * @throws IllegalStateException when the column holds no JSON object
   */
  static Map<StoreField, String> read(String json) {
    Map<StoreField, String> facts = new EnumMap<StoreField, String>(StoreField.class);
    if (json == null) return facts;
    try {
      JsonNode o = JSON.readTree(json);
      if (!o.isObject()) throw new IllegalStateException("stored facts are not a JSON object");
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        StoreField field = StoreField.named(f.getKey());
        if (field != null && f.getValue().isTextual()) facts.put(field, f.getValue().asText());
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored facts are not readable JSON", e);
    }
    return facts;
  }

  /**
   * The names of the event's products, each once, in line order, comma separated; cut to {@link
   * StoreField#MAX_VALUE_LENGTH}. Null for an event without lines.
   */
  static String productBought(StoreEvent event) {
    Set<String> names = new LinkedHashSet<String>();
    for (EventLine line : event.lines()) names.add(line.name());
    if (names.isEmpty()) return null;
    String joined = String.join(", ", names);
    int max = StoreField.MAX_VALUE_LENGTH;
    return joined.length() <= max ? joined : joined.substring(0, max - 3) + "...";
  }
}

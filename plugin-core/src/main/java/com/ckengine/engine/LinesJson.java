package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.LineRole;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An event's lines as the JSON kept in {@code CK_EVENT.LINES_JSON}. */
final class LinesJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LinesJson() {}

  static String write(List<EventLine> lines) {
    ArrayNode a = JSON.createArrayNode();
    for (EventLine l : lines) {
      ObjectNode o = a.addObject();
      o.put("productId", l.productId());
      if (l.sku() != null) o.put("sku", l.sku());
      o.put("name", l.name());
      o.put("quantity", l.quantity());
      // As a string: exact decimal, no binary floating point on the way.
      o.put("unitPrice", l.unitPrice().toPlainString());
      o.put("role", l.role().name());
    }
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<EventLine> read(String json) {
    List<EventLine> out = new ArrayList<EventLine>();
    if (json == null) return out;
    try {
      for (JsonNode o : JSON.readTree(json)) {
        out.add(
            EventLine.builder()
                .productId(o.get("productId").asLong())
                .sku(o.has("sku") ? o.get("sku").asText() : null)
                .name(o.get("name").asText())
                .quantity(o.get("quantity").asInt())
                .unitPrice(new BigDecimal(o.get("unitPrice").asText()))
                .role(LineRole.valueOf(o.get("role").asText()))
                .build());
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored lines are not readable JSON", e);
    }
    return out;
  }
}

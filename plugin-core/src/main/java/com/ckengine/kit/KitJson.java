package com.ckengine.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/** Reading and writing the JSON both API versions use. */
final class KitJson {
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Writes BigDecimal as given ("10.50" stays "10.50", never "1E+1"). */
  private static final JsonFactory JSON_FACTORY =
      new JsonFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private static final ObjectMapper MAPPER = new ObjectMapper(JSON_FACTORY);

  private KitJson() {}

  /** The body as JSON, or null when it is empty or not JSON (proxies answer HTML). */
  static JsonNode read(String body) {
    try {
      JsonNode json = MAPPER.readTree(body);
      return json == null || json.isMissingNode() ? null : json;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** {@code json}, which must be there: only an empty answer (a 204) comes as null. */
  static JsonNode required(JsonNode json) throws IOException {
    if (json == null) throw new IOException("empty answer");
    return json;
  }

  static long id(JsonNode json) throws IOException {
    JsonNode id = required(json).get("id");
    if (id == null || !id.canConvertToLong()) throw new IOException("no numeric id");
    return id.asLong();
  }

  static String text(JsonNode json, String field) throws IOException {
    JsonNode node = required(json).get(field);
    if (node == null || !node.isValueNode()) throw new IOException("no " + field);
    return node.asText();
  }

  /** The array under {@code field}, which must be there. */
  static JsonNode array(JsonNode json, String field) throws IOException {
    JsonNode array = required(json).get(field);
    if (array == null || !array.isArray()) throw new IOException("no " + field + " array");
    return array;
  }

  /** The object under {@code field}, which must be there. */
  static JsonNode object(JsonNode json, String field) throws IOException {
    JsonNode object = required(json).get(field);
    if (object == null || !object.isObject()) throw new IOException("no " + field);
    return object;
  }

  static KitTag tag(JsonNode json) throws IOException {
    return new KitTag(id(json), text(json, "name"), instant(json.path("created_at").asText(null)));
  }

  /** A custom field {@code {"id","name","key","label"}}; the key is what values are sent by. */
  static KitCustomField field(JsonNode json) throws IOException {
    String key = text(json, "key");
    if (key == null || key.isEmpty()) throw new IOException("a custom field without a key");
    return new KitCustomField(id(json), key, json.path("label").asText(null));
  }

  /** Kit's timestamps are ISO-8601; a value we cannot read is dropped, not fatal. */
  static Instant instant(String text) {
    if (text == null) return null;
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The purchase object both versions send (v3 beside {@code api_secret}, v4 alone). */
  static void writePurchase(JsonGenerator json, Purchase p) throws IOException {
    json.writeObjectFieldStart("purchase");
    json.writeStringField("transaction_id", p.transactionId());
    json.writeStringField("email_address", p.emailAddress());
    if (p.firstName() != null) json.writeStringField("first_name", p.firstName());
    json.writeStringField("currency", p.currency());
    if (p.transactionTime() != null) {
      json.writeStringField("transaction_time", p.transactionTime().toString());
    }
    money(json, "subtotal", p.subtotal());
    money(json, "tax", p.tax());
    money(json, "shipping", p.shipping());
    money(json, "discount", p.discount());
    money(json, "total", p.total());
    json.writeStringField("status", p.status());
    if (p.integration() != null) json.writeStringField("integration", p.integration());
    json.writeArrayFieldStart("products");
    for (PurchaseLine line : p.products()) {
      json.writeStartObject();
      json.writeNumberField("pid", line.pid());
      json.writeNumberField("lid", line.lid());
      json.writeStringField("name", line.name());
      json.writeStringField("sku", line.sku());
      money(json, "unit_price", line.unitPrice());
      json.writeNumberField("quantity", line.quantity());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * A purchase as Kit's v4 {@code POST /purchases} takes it: every amount and the transaction time
   * are required there (a missing amount is sent as 0, a missing time as {@code now}), product ids
   * are strings, and v3's {@code first_name} and {@code integration} are unknown fields v4 refuses.
   */
  static void writeV4Purchase(JsonGenerator json, Purchase p, java.time.Instant now)
      throws IOException {
    json.writeObjectFieldStart("purchase");
    json.writeStringField("email_address", p.emailAddress());
    json.writeStringField("transaction_id", p.transactionId());
    json.writeStringField("status", p.status());
    json.writeNumberField("subtotal", orZero(p.subtotal()));
    json.writeNumberField("tax", orZero(p.tax()));
    json.writeNumberField("shipping", orZero(p.shipping()));
    json.writeNumberField("discount", orZero(p.discount()));
    json.writeNumberField("total", orZero(p.total()));
    json.writeStringField("currency", p.currency());
    json.writeStringField(
        "transaction_time", (p.transactionTime() == null ? now : p.transactionTime()).toString());
    json.writeArrayFieldStart("products");
    for (PurchaseLine line : p.products()) {
      json.writeStartObject();
      json.writeStringField("name", line.name());
      json.writeStringField("pid", String.valueOf(line.pid()));
      json.writeStringField("lid", String.valueOf(line.lid()));
      json.writeNumberField("quantity", line.quantity());
      json.writeNumberField("unit_price", orZero(line.unitPrice()));
      json.writeStringField("sku", line.sku());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static BigDecimal orZero(BigDecimal amount) {
    return amount == null ? BigDecimal.ZERO : amount;
  }

  /** Custom fields (key to value) as Kit's {@code fields} object; nothing when there are none. */
  static void writeFields(JsonGenerator json, java.util.Map<String, String> fields)
      throws IOException {
    if (fields.isEmpty()) return;
    json.writeObjectFieldStart("fields");
    for (java.util.Map.Entry<String, String> field : fields.entrySet()) {
      json.writeStringField(field.getKey(), field.getValue());
    }
    json.writeEndObject();
  }

  private static void money(JsonGenerator json, String field, BigDecimal amount)
      throws IOException {
    if (amount != null) json.writeNumberField(field, amount);
  }

  /** Writes one JSON object's fields; {@link Body#build} turns it into a request body. */
  interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  /** A JSON object request body. */
  static final class Body {
    private Body() {}

    static RequestBody build(Fields fields) {
      StringWriter out = new StringWriter();
      try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
        json.writeStartObject();
        fields.write(json);
        json.writeEndObject();
      } catch (IOException e) {
        throw new AssertionError(e); // a StringWriter does not fail
      }
      return RequestBody.create(out.toString(), JSON);
    }
  }
}

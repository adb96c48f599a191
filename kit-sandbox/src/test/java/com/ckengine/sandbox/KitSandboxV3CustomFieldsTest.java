package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's custom fields as Kit has them: v3 {@code GET /custom_fields} lists {@code id, name,
 * key, label}; {@code fields} on v3's tag, form and sequence subscribe calls set values by key, and
 * a key the account has no field for is ignored without an error (as Kit ignores it); a field
 * deleted (as in Kit's UI, or {@code POST /sandbox/delete-field}) is no longer listed nor set; the
 * page shows the account's fields and each subscriber's values.
 */
class KitSandboxV3CustomFieldsTest {
  private final KitSandboxTest http = new KitSandboxTest();
  private KitSandbox sandbox;
  private String secret;

  @BeforeEach
  void start() {
    http.start();
    sandbox = http.sandbox;
    secret = http.secret;
  }

  @AfterEach
  void stop() {
    http.stop();
  }

  @Test
  void fieldsAreListedInV3Shape() throws Exception {
    long id = sandbox.createCustomField(secret, "Last name");
    JsonNode fields =
        http.ok(http.send("GET", "/v3/custom_fields?api_secret=" + secret, null))
            .get("custom_fields");
    assertEquals(1, fields.size());
    assertEquals(id, fields.get(0).get("id").asLong());
    assertEquals("last_name", fields.get(0).get("key").asText());
    assertEquals("Last name", fields.get(0).get("label").asText());
    assertEquals("ck_field_" + id + "_last_name", fields.get(0).get("name").asText());
  }

  @Test
  void subscribeCallsSetKnownFieldsAndIgnoreUnknownKeys() throws Exception {
    sandbox.createCustomField(secret, "Phone");
    long tag = sandbox.createTag(secret, "Customer");
    long form = sandbox.createForm(secret, "Sign-up");
    http.ok(
        http.send(
            "POST",
            "/v3/tags/" + tag + "/subscribe",
            "{\"api_secret\":\""
                + secret
                + "\",\"email\":\"ann@example.com\",\"fields\":{\"phone\":\"555\",\"nope\":\"x\"}}"));
    assertEquals(
        Collections.singletonMap("phone", "555"),
        sandbox.subscriberFields(secret, "ann@example.com"));

    http.ok(
        http.send(
            "POST",
            "/v3/forms/" + form + "/subscribe",
            "{\"api_secret\":\""
                + secret
                + "\",\"email\":\"ann@example.com\",\"fields\":{\"phone\":\"556\"}}"));
    assertEquals("556", sandbox.subscriberFields(secret, "ann@example.com").get("phone"));
  }

  @Test
  void aDeletedFieldIsNeitherListedNorSet() throws Exception {
    sandbox.createCustomField(secret, "Phone");
    long tag = sandbox.createTag(secret, "Customer");
    JsonNode deleted =
        http.ok(http.send("POST", "/sandbox/delete-field?secret=" + secret + "&key=phone", ""));
    assertTrue(deleted.get("deleted").asBoolean());
    assertEquals(
        0,
        http.ok(http.send("GET", "/v3/custom_fields?api_secret=" + secret, null))
            .get("custom_fields")
            .size());
    http.ok(
        http.send(
            "POST",
            "/v3/tags/" + tag + "/subscribe",
            "{\"api_secret\":\""
                + secret
                + "\",\"email\":\"bo@example.com\",\"fields\":{\"phone\":\"555\"}}"));
    Map<String, String> values = sandbox.subscriberFields(secret, "bo@example.com");
    assertTrue(values.isEmpty(), values.toString());
  }

  @Test
  void thePageShowsFieldsAndValues() throws Exception {
    http.ok(http.send("POST", "/sandbox/create-field?secret=" + secret + "&label=City", ""));
    long tag = sandbox.createTag(secret, "Customer");
    http.ok(
        http.send(
            "POST",
            "/v3/tags/" + tag + "/subscribe",
            "{\"api_secret\":\""
                + secret
                + "\",\"email\":\"ann@example.com\",\"fields\":{\"city\":\"Lyon\"}}"));
    String page = http.send("GET", "/", null).body();
    assertTrue(page.contains("Custom fields: City (city)"), page);
    assertTrue(page.contains("<td>city: Lyon</td>"), page);
  }
}

package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.assertBody;
import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Kit's contract for custom fields, per credential kind, as the client puts it on the wire: the
 * account's fields are listed (v3 {@code GET /custom_fields} with the secret; v4 {@code GET
 * custom_fields} with every cursor page, by API key or OAuth token), and the values go in {@code
 * fields} on the calls an action already makes: v3's tag subscribe and form/sequence subscribe (one
 * request each), v4's subscriber upsert before the tagging or the form/sequence call.
 */
class KitClientCustomFieldsTest {
  private static final String SECRET_TEXT = "sk_live_S3cr3t";
  private static final KitCredential SECRET = KitCredential.v3Secret(SECRET_TEXT);
  private static final KitCredential KEY = KitCredential.v4ApiKey("kit_v4key_9f8e7d");
  private static final KitCredential TOKEN = KitCredential.oauthToken("oat_abc123", "oauth:1");

  private static final String SUBSCRIBER =
      "{\"subscriber\":{\"id\":77,\"first_name\":\"Ann\",\"email_address\":\"ann@example.com\","
          + "\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\",\"fields\":{}}}";

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<String, String>();
    f.put("last_name", "Lee");
    f.put("city", "Lyon");
    return f;
  }

  @Test
  void v3ListsTheFieldsWithTheSecret() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          200,
          "{\"custom_fields\":[{\"id\":1,\"name\":\"ck_field_1_last_name\",\"key\":\"last_name\","
              + "\"label\":\"Last Name\"}]}");

      List<KitCustomField> fields = kit.client.listCustomFields(SECRET).value();

      RecordedRequest r = kit.taken();
      assertEquals("GET", r.getMethod());
      assertEquals("/v3/custom_fields", r.getUrl().encodedPath());
      assertEquals(SECRET_TEXT, r.getUrl().queryParameter("api_secret"));
      assertEquals(Arrays.asList(new KitCustomField(1, "last_name", "Last Name")), fields);
    }
  }

  @Test
  void v4ListsEveryPageByApiKeyAndByOAuthToken() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          200,
          "{\"custom_fields\":[{\"id\":1,\"name\":\"ck_field_1_phone\",\"key\":\"phone\","
              + "\"label\":\"Phone\"}],\"pagination\":{\"has_previous_page\":false,"
              + "\"has_next_page\":true,\"start_cursor\":\"a\",\"end_cursor\":\"b\","
              + "\"per_page\":1000}}");
      kit.answer(
          200,
          "{\"custom_fields\":[{\"id\":2,\"name\":\"ck_field_2_city\",\"key\":\"city\","
              + "\"label\":\"City\"}],\"pagination\":{\"has_previous_page\":true,"
              + "\"has_next_page\":false,\"start_cursor\":\"c\",\"end_cursor\":\"c\","
              + "\"per_page\":1000}}");
      kit.answer(
          200,
          "{\"custom_fields\":[],\"pagination\":{\"has_previous_page\":false,"
              + "\"has_next_page\":false,\"start_cursor\":null,\"end_cursor\":null,"
              + "\"per_page\":1000}}");

      List<KitCustomField> byKey = kit.client.listCustomFields(KEY).value();
      List<KitCustomField> byToken = kit.client.listCustomFields(TOKEN).value();

      RecordedRequest first = kit.taken();
      assertEquals("GET /v4/custom_fields?per_page=1000", line(first));
      assertEquals("kit_v4key_9f8e7d", first.getHeaders().get("X-Kit-Api-Key"));
      assertEquals("GET /v4/custom_fields?per_page=1000&after=b", line(kit.taken()));
      RecordedRequest oauth = kit.taken();
      assertEquals("GET /v4/custom_fields?per_page=1000", line(oauth));
      assertEquals("Bearer oat_abc123", oauth.getHeaders().get("Authorization"));
      assertNull(oauth.getHeaders().get("X-Kit-Api-Key"));
      assertEquals(
          Arrays.asList(
              new KitCustomField(1, "phone", "Phone"), new KitCustomField(2, "city", "City")),
          byKey);
      assertTrue(byToken.isEmpty());
    }
  }

  @Test
  void v3SendsFieldsOnTheTagAndFormSubscribeCallsThemselves() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      String subscription =
          "{\"subscription\":{\"id\":5,\"state\":\"active\",\"subscribable_id\":11,"
              + "\"subscribable_type\":\"tag\",\"subscriber\":{\"id\":77}}}";
      kit.answer(200, subscription);
      kit.answer(200, subscription);

      assertTrue(
          kit.client
              .tagSubscriber(
                  SECRET,
                  TagSubscriberRequest.builder()
                      .email("ann@example.com")
                      .firstName("Ann")
                      .addTagId(11)
                      .fields(fields())
                      .build())
              .isSuccess());
      assertTrue(
          kit.client
              .subscribe(SECRET, Subscribable.FORM, 21, "ann@example.com", "Ann", fields())
              .isSuccess());

      RecordedRequest tag = kit.taken();
      assertEquals("POST /v3/tags/11/subscribe", line(tag));
      assertBody(
          "{\"api_secret\":\"sk_live_S3cr3t\",\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
              + "\"fields\":{\"last_name\":\"Lee\",\"city\":\"Lyon\"}}",
          tag);
      RecordedRequest form = kit.taken();
      assertEquals("POST /v3/forms/21/subscribe", line(form));
      assertBody(
          "{\"api_secret\":\"sk_live_S3cr3t\",\"email\":\"ann@example.com\",\"first_name\":\"Ann\","
              + "\"fields\":{\"last_name\":\"Lee\",\"city\":\"Lyon\"}}",
          form);
      assertEquals(2, kit.requests(), "no extra call for the fields");
    }
  }

  @Test
  void v4SendsFieldsOnTheUpsertBeforeTaggingByApiKey() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(200, SUBSCRIBER);
      kit.answer(201, SUBSCRIBER);

      assertTrue(
          kit.client
              .tagSubscriber(
                  KEY,
                  TagSubscriberRequest.builder()
                      .email("ann@example.com")
                      .addTagId(11)
                      .fields(fields())
                      .build())
              .isSuccess());

      RecordedRequest upsert = kit.taken();
      assertEquals("POST /v4/subscribers", line(upsert));
      assertBody(
          "{\"email_address\":\"ann@example.com\","
              + "\"fields\":{\"last_name\":\"Lee\",\"city\":\"Lyon\"}}",
          upsert);
      RecordedRequest tag = kit.taken();
      assertEquals("POST /v4/tags/11/subscribers", line(tag));
      assertBody("{\"email_address\":\"ann@example.com\"}", tag);
      assertEquals(2, kit.requests(), "no extra call for the fields");
    }
  }

  @Test
  void v4SendsFieldsOnTheUpsertBeforeTheSequenceByOAuthToken() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(200, SUBSCRIBER);
      kit.answer(201, SUBSCRIBER);

      assertTrue(
          kit.client
              .subscribe(TOKEN, Subscribable.SEQUENCE, 21, "ann@example.com", "Ann", fields())
              .isSuccess());

      RecordedRequest upsert = kit.taken();
      assertEquals("POST /v4/subscribers", line(upsert));
      assertEquals("Bearer oat_abc123", upsert.getHeaders().get("Authorization"));
      assertBody(
          "{\"email_address\":\"ann@example.com\",\"first_name\":\"Ann\","
              + "\"fields\":{\"last_name\":\"Lee\",\"city\":\"Lyon\"}}",
          upsert);
      RecordedRequest add = kit.taken();
      assertEquals("POST /v4/sequences/21/subscribers", line(add));
      assertBody("{\"email_address\":\"ann@example.com\"}", add);
      assertEquals(2, kit.requests());
    }
  }
}

package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's v4 endpoints with a V4 API key: Kit's shapes, statuses and refusals. */
class KitSandboxV4ApiTest {
  KitSandbox sandbox;
  V4Http v4;
  String secret;
  String key;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().noRateLimit().build().start();
    secret = DemoAccount.create(sandbox, null);
    key = sandbox.v4ApiKey(secret);
    v4 = new V4Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  JsonNode call(int status, String method, String path, String body) throws Exception {
    HttpResponse<String> r = v4.withKey(key, method, path, body);
    assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
    return r.body().isEmpty() ? null : V4Http.json(r);
  }

  @Test
  void accountAnswersUserAndAccount() throws Exception {
    JsonNode a = call(200, "GET", "account", null);
    assertEquals(DemoAccount.PRIMARY_EMAIL, a.get("user").get("email").asText());
    assertEquals(DemoAccount.NAME, a.get("account").get("name").asText());
    assertTrue(a.get("account").has("primary_email_address"));
  }

  @Test
  void tagsAreListedInCursorPagesAndCreatedOnce() throws Exception {
    JsonNode first = call(200, "GET", "tags?per_page=4", null);
    assertEquals(4, first.get("tags").size());
    JsonNode page = first.get("pagination");
    assertTrue(page.get("has_next_page").asBoolean());
    assertFalse(page.get("has_previous_page").asBoolean());
    JsonNode second =
        call(200, "GET", "tags?per_page=4&after=" + page.get("end_cursor").asText(), null);
    assertEquals(2, second.get("tags").size());
    assertFalse(second.get("pagination").get("has_next_page").asBoolean());
    assertTrue(second.get("pagination").get("has_previous_page").asBoolean());

    JsonNode made = call(201, "POST", "tags", "{\"name\":\"Gold\"}");
    JsonNode again = call(200, "POST", "tags", "{\"name\":\"Gold\"}");
    assertEquals(made.get("tag").get("id"), again.get("tag").get("id"));
    assertEquals(Long.valueOf(made.get("tag").get("id").asLong()), sandbox.tagId(secret, "Gold"));
    call(422, "POST", "tags", "{\"name\":\"\"}");
    assertEquals(
        "Unknown parameter: tag",
        call(422, "POST", "tags", "{\"tag\":{\"name\":\"x\"}}").get("errors").get(0).asText());
    call(422, "GET", "tags?per_page=1001", null);
  }

  @Test
  void subscribersAreUpsertedWithKnownFieldsAndFoundByEmail() throws Exception {
    JsonNode made =
        call(
            201,
            "POST",
            "subscribers",
            "{\"email_address\":\"ann@example.com\",\"first_name\":\"Ann\","
                + "\"fields\":{\"last_name\":\"Lee\",\"not_a_field\":\"x\"}}");
    assertEquals("Ann", made.get("subscriber").get("first_name").asText());
    assertEquals("Lee", made.get("subscriber").get("fields").get("last_name").asText());
    assertFalse(made.get("subscriber").get("fields").has("not_a_field"), "Kit ignores it");
    JsonNode updated =
        call(
            200,
            "POST",
            "subscribers",
            "{\"email_address\":\"ANN@example.com\",\"first_name\":\"Annie\"}");
    assertEquals(made.get("subscriber").get("id"), updated.get("subscriber").get("id"));

    JsonNode found = call(200, "GET", "subscribers?email_address=ann%40EXAMPLE.com", null);
    assertEquals("Annie", found.get("subscribers").get(0).get("first_name").asText());
    assertTrue(found.has("pagination"));

    sandbox.setSubscriberState(secret, "ann@example.com", "cancelled");
    assertEquals(
        0,
        call(200, "GET", "subscribers?email_address=ann%40example.com", null)
            .get("subscribers")
            .size(),
        "without status=all only active subscribers");
    assertEquals(
        1,
        call(200, "GET", "subscribers?email_address=ann%40example.com&status=all", null)
            .get("subscribers")
            .size());

    call(422, "POST", "subscribers", "{\"first_name\":\"No email\"}");
    call(422, "POST", "subscribers", "{\"email_address\":\"not-an-email\"}");
    call(
        422,
        "POST",
        "subscribers",
        "{\"email_address\":\"b@example.com\",\"email\":\"b@example.com\"}");
    assertFalse(sandbox.hasSubscriber(secret, "b@example.com"));
  }

  @Test
  void taggingByEmailNeedsAnExistingSubscriber() throws Exception {
    long vip = sandbox.tagId(secret, "VIP");
    JsonNode refused =
        call(
            404, "POST", "tags/" + vip + "/subscribers", "{\"email_address\":\"new@example.com\"}");
    assertEquals(
        Collections.singletonList("Not Found"),
        Arrays.asList(refused.get("errors").get(0).asText()));
    assertFalse(sandbox.hasSubscriber(secret, "new@example.com"));

    call(201, "POST", "subscribers", "{\"email_address\":\"new@example.com\"}");
    JsonNode tagged =
        call(
            201, "POST", "tags/" + vip + "/subscribers", "{\"email_address\":\"new@example.com\"}");
    assertTrue(tagged.get("subscriber").has("tagged_at"));
    call(200, "POST", "tags/" + vip + "/subscribers", "{\"email_address\":\"new@example.com\"}");
    assertEquals(
        Collections.singletonList("VIP"), sandbox.subscriberTags(secret, "new@example.com"));
    call(422, "POST", "tags/" + vip + "/subscribers", "{}");
    call(404, "POST", "tags/999999/subscribers", "{\"email_address\":\"new@example.com\"}");

    assertNull(
        call(
            204,
            "DELETE",
            "tags/" + vip + "/subscribers",
            "{\"email_address\":\"new@example.com\"}"));
    assertTrue(sandbox.subscriberTags(secret, "new@example.com").isEmpty());

    long id = tagged.get("subscriber").get("id").asLong();
    call(201, "POST", "tags/" + vip + "/subscribers/" + id, null);
    call(200, "POST", "tags/" + vip + "/subscribers/" + id, "{}");
    call(204, "DELETE", "tags/" + vip + "/subscribers/" + id, null);
    call(404, "DELETE", "tags/" + vip + "/subscribers/999999", null);
    assertTrue(sandbox.subscriberTags(secret, "new@example.com").isEmpty());
  }

  @Test
  void formsSequencesAndCustomFieldsOfTheAccount() throws Exception {
    JsonNode forms = call(200, "GET", "forms", null).get("forms");
    assertEquals(DemoAccount.FORM, forms.get(0).get("name").asText());
    JsonNode sequences = call(200, "GET", "sequences", null).get("sequences");
    assertEquals(DemoAccount.SEQUENCE, sequences.get(0).get("name").asText());
    JsonNode fields = call(200, "GET", "custom_fields", null).get("custom_fields");
    assertEquals(3, fields.size());
    assertTrue(fields.findValuesAsText("key").contains("phone_number"));

    long form = forms.get(0).get("id").asLong();
    long sequence = sequences.get(0).get("id").asLong();
    String ann = "{\"email_address\":\"ann@example.com\"}";
    call(404, "POST", "forms/" + form + "/subscribers", ann);
    call(201, "POST", "subscribers", ann);
    call(201, "POST", "forms/" + form + "/subscribers", ann);
    call(200, "POST", "forms/" + form + "/subscribers", ann);
    call(201, "POST", "sequences/" + sequence + "/subscribers", ann);
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", form));
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", sequence));
  }

  @Test
  void purchasesAndBulkRefuseAnApiKey() throws Exception {
    JsonNode refused = call(401, "POST", "purchases", "{\"purchase\":{}}");
    assertTrue(refused.get("errors").isArray());
    call(401, "GET", "purchases", null);
    call(401, "POST", "bulk/tags/subscribers", "{\"taggings\":[]}");
    assertTrue(sandbox.purchases(secret).isEmpty());
  }

  @Test
  void v3SecretsAndV4KeysOpenOnlyTheirOwnApi() throws Exception {
    assertEquals(401, v4.withKey(secret, "GET", "account", null).statusCode());
    assertEquals(401, v4.send(null, null, "GET", "account", null).statusCode());
    assertEquals(
        401,
        v4.get("http://localhost:" + sandbox.port() + "/v3/account?api_secret=" + key)
            .statusCode());
    assertEquals(
        200,
        v4.get("http://localhost:" + sandbox.port() + "/v3/account?api_secret=" + secret)
            .statusCode());
    assertTrue(sandbox.revokeV4ApiKey(key));
    JsonNode revoked = V4Http.json(v4.withKey(key, "GET", "account", null));
    assertEquals("The access token is invalid", revoked.get("errors").get(0).asText());
  }

  @Test
  void theV3AndV4SidesSeeOneAccount() throws Exception {
    call(201, "POST", "subscribers", "{\"email_address\":\"both@example.com\"}");
    JsonNode v3 =
        V4Http.json(
            v4.get(
                "http://localhost:"
                    + sandbox.port()
                    + "/v3/subscribers?api_secret="
                    + secret
                    + "&email_address=both%40example.com"));
    assertEquals(1, v3.get("total_subscribers").asInt());
  }

  @Test
  void faultsApplyToV4CallsInV4Shape() throws Exception {
    sandbox.failNext(1, 503);
    JsonNode failed = call(503, "GET", "account", null);
    assertTrue(failed.get("errors").isArray());
    sandbox.failNextFor(secret, 1, 422, "Kit says no");
    assertEquals("Kit says no", call(422, "GET", "tags", null).get("errors").get(0).asText());
    sandbox.failNextAfterApplying(1, 500);
    call(500, "POST", "tags", "{\"name\":\"Applied\"}");
    assertTrue(sandbox.tagId(secret, "Applied") != null, "applied before failing");
    call(200, "GET", "account", null);
  }

  @Test
  void thePageNamesTheCredentialOfEachCallMasked() throws Exception {
    call(200, "GET", "account", null);
    v4.get("http://localhost:" + sandbox.port() + "/v3/account?api_secret=" + secret);
    String page = v4.get("http://localhost:" + sandbox.port() + "/").body();
    assertTrue(page.contains("v4 key ****" + key.substring(key.length() - 4)), page);
    assertTrue(page.contains("v3 secret ****" + secret.substring(secret.length() - 4)), page);
    assertFalse(page.contains(key));
    assertFalse(page.contains(secret));
    assertFalse(page.contains("api_secret="), "no query strings: v3 secrets travel there");
  }
}

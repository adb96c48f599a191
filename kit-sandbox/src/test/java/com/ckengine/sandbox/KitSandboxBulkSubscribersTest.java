package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's {@code POST /v4/bulk/subscribers} as Kit's reference ("Bulk create subscribers")
 * describes it: OAuth only; up to 100 created or updated at once and answered 200 with each
 * subscriber and each failure; more applied and answered 202 {@code {}}; 422 for none; only the
 * fields the reference lists.
 */
class KitSandboxBulkSubscribersTest {
  KitSandbox sandbox;
  V4Http v4;
  String secret;
  String token;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().noRateLimit().build().start();
    secret = DemoAccount.create(sandbox, null);
    sandbox.registerOAuthApp("shop-app", "shop-secret", "http://localhost:9/kit/callback");
    token = sandbox.grantOAuthTokens("shop-app", secret).accessToken();
    v4 = new V4Http(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  HttpResponse<String> bulk(String credentialKind, String body) throws Exception {
    return credentialKind.equals("token")
        ? v4.withToken(token, "POST", "bulk/subscribers", body)
        : v4.withKey(sandbox.v4ApiKey(secret), "POST", "bulk/subscribers", body);
  }

  JsonNode lookUp(String email) throws Exception {
    JsonNode page =
        V4Http.json(
            v4.withToken(token, "GET", "subscribers?status=all&email_address=" + email, null));
    return page.get("subscribers").get(0);
  }

  @Test
  void createsAndUpdatesEachAndAnswersPerSubscriber() throws Exception {
    // Ann exists with another first name: the bulk call updates it, as the single upsert does.
    v4.withToken(
        token,
        "POST",
        "subscribers",
        "{\"email_address\":\"ann@example.com\",\"first_name\":\"Annie\"}");
    long annId = lookUp("ann@example.com").get("id").asLong();

    HttpResponse<String> r =
        bulk(
            "token",
            "{\"subscribers\":[{\"email_address\":\"ann@example.com\",\"first_name\":\"Ann\"},"
                + "{\"email_address\":\"bob@example.com\",\"first_name\":\"Bob\"},"
                + "{\"email_address\":\"not an email\",\"first_name\":\"Benito\"}],"
                + "\"callback_url\":null}");

    assertEquals(200, r.statusCode(), r.body());
    JsonNode answer = V4Http.json(r);
    JsonNode made = answer.get("subscribers");
    assertEquals(2, made.size());
    assertEquals(annId, made.get(0).get("id").asLong());
    assertEquals("ann@example.com", made.get(0).get("email_address").asText());
    assertEquals("Ann", made.get(0).get("first_name").asText());
    assertEquals("active", made.get(0).get("state").asText());
    assertTrue(made.get(0).has("created_at"));
    assertFalse(made.get(0).has("fields"), "the reference's answer has no fields");
    assertEquals("bob@example.com", made.get(1).get("email_address").asText());
    JsonNode failure = answer.get("failures").get(0);
    assertEquals(1, answer.get("failures").size());
    assertEquals("Email address is invalid", failure.get("errors").get(0).asText());
    assertEquals("Benito", failure.get("subscriber").get("first_name").asText());
    assertTrue(failure.get("subscriber").get("email_address").isNull());
    assertTrue(failure.get("subscriber").get("created_at").isNull());

    assertEquals("Ann", lookUp("ann@example.com").get("first_name").asText());
    assertEquals(made.get(1).get("id").asLong(), lookUp("bob@example.com").get("id").asLong());
  }

  @Test
  void moreThanAHundredAreAppliedAndAnswered202() throws Exception {
    StringBuilder body = new StringBuilder("{\"subscribers\":[");
    for (int i = 0; i < 101; i++) {
      if (i > 0) body.append(',');
      body.append("{\"email_address\":\"s").append(i).append("@example.com\"}");
    }
    HttpResponse<String> r = bulk("token", body.append("]}").toString());

    assertEquals(202, r.statusCode(), r.body());
    assertEquals("{}", r.body());
    assertTrue(sandbox.hasSubscriber(secret, "s100@example.com"));
  }

  @Test
  void refusesWhatTheReferenceRefuses() throws Exception {
    HttpResponse<String> none = bulk("token", "{\"subscribers\":[]}");
    assertEquals(422, none.statusCode());
    assertEquals("No subscribers included for processing", errorOf(none));

    HttpResponse<String> fields =
        bulk(
            "token",
            "{\"subscribers\":[{\"email_address\":\"ann@example.com\",\"fields\":{\"a\":\"b\"}}]}");
    assertEquals(422, fields.statusCode());
    assertEquals("Unknown parameter: subscribers.fields", errorOf(fields));
    assertFalse(sandbox.hasSubscriber(secret, "ann@example.com"));

    HttpResponse<String> key =
        bulk("key", "{\"subscribers\":[{\"email_address\":\"ann@example.com\"}]}");
    assertEquals(401, key.statusCode(), "bulk endpoints are OAuth only");
    assertFalse(sandbox.hasSubscriber(secret, "ann@example.com"));
  }

  private static String errorOf(HttpResponse<String> r) throws Exception {
    return V4Http.json(r).get("errors").get(0).asText();
  }
}

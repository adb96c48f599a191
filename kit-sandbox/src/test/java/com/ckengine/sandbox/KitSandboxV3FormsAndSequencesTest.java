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
 * The sandbox's v3 forms and sequences, in Kit's v3 shapes: {@code GET /forms} answers {@code
 * forms}, {@code GET /sequences} answers {@code courses}, {@code POST /forms/{id}/subscribe} and
 * {@code /sequences/{id}/subscribe} make the subscriber (with first name) and add it, answering a
 * subscription of type form or course; an unknown form is Kit's 404; the page shows who was added
 * to what.
 */
class KitSandboxV3FormsAndSequencesTest {
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

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(method, path, body);
  }

  private JsonNode ok(HttpResponse<String> response) throws Exception {
    return http.ok(response);
  }

  @Test
  void formsAndSequencesAreListedInV3Shapes() throws Exception {
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    long sequence = sandbox.createSequence(secret, "Welcome series");

    JsonNode forms = ok(send("GET", "/v3/forms?api_secret=" + secret, null)).get("forms");
    assertEquals(1, forms.size());
    assertEquals(form, forms.get(0).get("id").asLong());
    assertEquals("Newsletter sign-up", forms.get(0).get("name").asText());
    for (String field : new String[] {"created_at", "type", "embed_js", "embed_url", "archived"}) {
      assertTrue(forms.get(0).has(field), field);
    }

    JsonNode answer = ok(send("GET", "/v3/sequences?api_secret=" + secret, null));
    assertFalse(answer.has("sequences"), "v3 calls them courses: " + answer);
    JsonNode courses = answer.get("courses");
    assertEquals(sequence, courses.get(0).get("id").asLong());
    assertEquals("Welcome series", courses.get(0).get("name").asText());
    assertTrue(courses.get(0).has("created_at"));

    assertEquals(401, send("GET", "/v3/forms", null).statusCode(), "no secret, no forms");
  }

  @Test
  void subscribingToAFormOrSequenceMakesTheSubscriberAndAddsIt() throws Exception {
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    long sequence = sandbox.createSequence(secret, "Welcome series");

    JsonNode toForm =
        ok(send(
                "POST",
                "/v3/forms/" + form + "/subscribe",
                "{\"api_secret\":\""
                    + secret
                    + "\",\"email\":\"ann@example.com\",\"first_name\":\"Ann\"}"))
            .get("subscription");
    assertEquals("form", toForm.get("subscribable_type").asText());
    assertEquals(form, toForm.get("subscribable_id").asLong());
    assertTrue(toForm.get("subscriber").get("id").asLong() > 0);
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", form));

    JsonNode toSequence =
        ok(send(
                "POST",
                "/v3/sequences/" + sequence + "/subscribe",
                "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}"))
            .get("subscription");
    assertEquals("course", toSequence.get("subscribable_type").asText());
    assertEquals(
        toForm.get("subscriber").get("id").asLong(),
        toSequence.get("subscriber").get("id").asLong(),
        "the same subscriber");
    assertTrue(sandbox.isAddedTo(secret, "ann@example.com", sequence));

    JsonNode again =
        ok(send(
                "POST",
                "/v3/forms/" + form + "/subscribe",
                "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}"))
            .get("subscription");
    assertEquals(toForm.get("id").asLong(), again.get("id").asLong(), "subscribing again is one");

    String page = send("GET", "/", null).body();
    assertTrue(page.contains("Newsletter sign-up (" + form + ")"), page);
    assertTrue(page.contains("form Newsletter sign-up, sequence Welcome series"), page);
  }

  @Test
  void anUnknownFormIsNotFoundAndAMissingEmailIsRefused() throws Exception {
    long form = sandbox.createForm(secret, "Newsletter sign-up");
    HttpResponse<String> unknown =
        send(
            "POST",
            "/v3/forms/" + (form + 1000) + "/subscribe",
            "{\"api_secret\":\"" + secret + "\",\"email\":\"ann@example.com\"}");
    assertEquals(404, unknown.statusCode());
    assertEquals("Not Found", KitSandboxTest.JSON.readTree(unknown.body()).get("error").asText());
    assertFalse(sandbox.hasSubscriber(secret, "ann@example.com"), "nothing made");

    HttpResponse<String> noEmail =
        send("POST", "/v3/forms/" + form + "/subscribe", "{\"api_secret\":\"" + secret + "\"}");
    assertEquals(400, noEmail.statusCode(), noEmail.body());
  }
}

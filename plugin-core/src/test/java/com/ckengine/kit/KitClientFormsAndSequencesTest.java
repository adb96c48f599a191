package com.ckengine.kit;

import static com.ckengine.kit.V4TestServer.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * What the client puts on the wire to list forms and sequences and to subscribe a customer to one,
 * in v3 (API Secret) and v4 (API key, which upserts the subscriber first), and how a form Kit no
 * longer has reads: NOT_FOUND with Kit's message, not retryable.
 */
class KitClientFormsAndSequencesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_TEXT = "sk_live_S3cr3t";
  private static final KitCredential SECRET = KitCredential.v3Secret(SECRET_TEXT);
  private static final KitCredential KEY = KitCredential.v4ApiKey("kit_v4key_9f8e7d");

  @Test
  void v3ListsFormsAndSequencesWhichItCallsCourses() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      KitClient client = v3(server);
      answer(server, 200, "{\"forms\":[{\"id\":11,\"name\":\"Newsletter\",\"type\":\"embed\"}]}");
      answer(server, 200, "{\"courses\":[{\"id\":21,\"name\":\"Welcome\"}]}");

      List<KitListItem> forms = client.list(SECRET, Subscribable.FORM).value();
      List<KitListItem> sequences = client.list(SECRET, Subscribable.SEQUENCE).value();

      RecordedRequest first = taken(server);
      assertEquals("GET", first.getMethod());
      assertEquals("/v3/forms", first.getUrl().encodedPath());
      assertEquals(SECRET_TEXT, first.getUrl().queryParameter("api_secret"));
      assertEquals("/v3/sequences", taken(server).getUrl().encodedPath());
      assertEquals(Arrays.asList(new KitListItem(11, "Newsletter")), forms);
      assertEquals(Arrays.asList(new KitListItem(21, "Welcome")), sequences);
    }
  }

  @Test
  void v3SubscribesWithTheSecretEmailAndFirstName() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      KitClient client = v3(server);
      answer(
          server,
          200,
          "{\"subscription\":{\"id\":5,\"state\":\"active\",\"subscribable_id\":11,"
              + "\"subscribable_type\":\"form\",\"subscriber\":{\"id\":77}}}");
      answer(
          server,
          200,
          "{\"subscription\":{\"id\":6,\"state\":\"active\",\"subscribable_id\":21,"
              + "\"subscribable_type\":\"course\",\"subscriber\":{\"id\":77}}}");

      KitResult<KitSubscription> form =
          client.subscribe(SECRET, Subscribable.FORM, 11, "ann@example.com", "Ann");
      KitResult<KitSubscription> sequence =
          client.subscribe(SECRET, Subscribable.SEQUENCE, 21, "ann@example.com", null);

      RecordedRequest toForm = taken(server);
      assertEquals("POST /v3/forms/11/subscribe", toForm.getMethod() + " " + path(toForm));
      assertEquals(
          JSON.readTree(
              "{\"api_secret\":\"sk_live_S3cr3t\",\"email\":\"ann@example.com\","
                  + "\"first_name\":\"Ann\"}"),
          JSON.readTree(toForm.getBody().utf8()));
      RecordedRequest toSequence = taken(server);
      assertEquals(
          "POST /v3/sequences/21/subscribe", toSequence.getMethod() + " " + path(toSequence));
      assertEquals(
          JSON.readTree("{\"api_secret\":\"sk_live_S3cr3t\",\"email\":\"ann@example.com\"}"),
          JSON.readTree(toSequence.getBody().utf8()));
      assertTrue(form.isSuccess());
      assertEquals(77, form.value().subscriberId());
      assertTrue(sequence.isSuccess());
    }
  }

  @Test
  void v3AFormKitDoesNotHaveIsNotFoundWithKitsMessage() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      KitClient client = v3(server);
      answer(
          server,
          404,
          "{\"error\":\"Not Found\","
              + "\"message\":\"The entity you were trying to find doesn't exist\"}");

      KitResult<KitSubscription> r =
          client.subscribe(SECRET, Subscribable.FORM, 99, "ann@example.com", "Ann");

      assertEquals(KitOutcome.NOT_FOUND, r.outcome());
      assertFalse(r.isRetryable());
      assertTrue(r.message().contains("The entity you were trying to find doesn't exist"));
    }
  }

  @Test
  void v4UpsertsTheSubscriberThenAddsItToTheFormOrSequence() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          201,
          "{\"subscriber\":{\"id\":77,\"first_name\":\"Ann\",\"email_address\":"
              + "\"ann@example.com\",\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\","
              + "\"fields\":{}}}");
      kit.answer(
          201,
          "{\"subscriber\":{\"id\":77,\"first_name\":\"Ann\",\"email_address\":"
              + "\"ann@example.com\",\"state\":\"active\",\"created_at\":\"2023-02-17T11:43:55Z\","
              + "\"added_at\":\"2023-02-17T11:43:56Z\",\"fields\":{}}}");

      KitResult<KitSubscription> r =
          kit.client.subscribe(KEY, Subscribable.SEQUENCE, 21, "ann@example.com", "Ann");

      RecordedRequest upsert = kit.taken();
      assertEquals("POST /v4/subscribers", line(upsert));
      assertEquals(
          JSON.readTree("{\"email_address\":\"ann@example.com\",\"first_name\":\"Ann\"}"),
          JSON.readTree(upsert.getBody().utf8()));
      RecordedRequest add = kit.taken();
      assertEquals("POST /v4/sequences/21/subscribers", line(add));
      assertEquals(
          JSON.readTree("{\"email_address\":\"ann@example.com\"}"),
          JSON.readTree(add.getBody().utf8()));
      assertNull(add.getUrl().queryParameter("api_secret"));
      assertTrue(r.isSuccess());
      assertEquals(77, r.value().subscriberId());
    }
  }

  @Test
  void v4ListsEveryPageOfFormsAndAFormKitDoesNotHaveIsNotFound() throws Exception {
    try (V4TestServer kit = new V4TestServer()) {
      kit.answer(
          200,
          "{\"forms\":[{\"id\":11,\"name\":\"Newsletter\"}],\"pagination\":{"
              + "\"has_next_page\":true,\"end_cursor\":\"WzFd\",\"per_page\":1000}}");
      kit.answer(
          200,
          "{\"forms\":[{\"id\":12,\"name\":\"Giveaway\"}],\"pagination\":{"
              + "\"has_next_page\":false,\"end_cursor\":\"WzJd\",\"per_page\":1000}}");
      kit.answer(
          201,
          "{\"subscriber\":{\"id\":77,\"email_address\":\"ann@example.com\","
              + "\"state\":\"active\",\"fields\":{}}}");
      kit.answer(404, "{\"errors\":[\"Not Found\"]}");

      List<KitListItem> forms = kit.client.list(KEY, Subscribable.FORM).value();
      KitResult<KitSubscription> r =
          kit.client.subscribe(KEY, Subscribable.FORM, 99, "ann@example.com", null);

      assertEquals("GET /v4/forms?per_page=1000", line(kit.taken()));
      assertEquals("GET /v4/forms?per_page=1000&after=WzFd", line(kit.taken()));
      assertEquals(
          Arrays.asList(new KitListItem(11, "Newsletter"), new KitListItem(12, "Giveaway")), forms);
      kit.taken();
      assertEquals("POST /v4/forms/99/subscribers", line(kit.taken()));
      assertEquals(KitOutcome.NOT_FOUND, r.outcome());
      assertFalse(r.isRetryable());
      assertTrue(r.message().contains("Not Found"), r.message());
    }
  }

  private static KitClient v3(MockWebServer server) {
    return KitClient.builder()
        .baseUrl(server.url("/v3/").toString())
        .readTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static void answer(MockWebServer server, int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  private static RecordedRequest taken(MockWebServer server) throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(r != null, "no request reached the server");
    return r;
  }

  private static String path(RecordedRequest r) {
    return r.getUrl().encodedPath();
  }
}

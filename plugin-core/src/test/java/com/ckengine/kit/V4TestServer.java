package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer standing in for Kit's v4 API, and the client pointed at it. */
final class V4TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final MockWebServer server = new MockWebServer();
  final KitClient client;

  V4TestServer() throws Exception {
    this(KitClient.builder());
  }

  V4TestServer(KitClient.Builder builder) throws Exception {
    server.start();
    client =
        builder
            .v4BaseUrl(server.url("/v4/").toString())
            .baseUrl(server.url("/v3/").toString())
            .readTimeout(Duration.ofSeconds(5))
            .build();
  }

  void answer(int code, String body) {
    server.enqueue(new MockResponse.Builder().code(code).body(body).build());
  }

  void answerEmpty(int code) {
    server.enqueue(new MockResponse.Builder().code(code).build());
  }

  RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(request != null, "no request reached the server");
    return request;
  }

  /** The request's method and path (with its query), e.g. {@code "GET /v4/tags?per_page=1000"}. */
  static String line(RecordedRequest request) {
    String query = request.getUrl().encodedQuery();
    return request.getMethod()
        + " "
        + request.getUrl().encodedPath()
        + (query == null ? "" : "?" + query);
  }

  static void assertBody(String expected, RecordedRequest request) throws Exception {
    assertEquals("application/json; charset=utf-8", request.getHeaders().get("Content-Type"));
    assertEquals(JSON.readTree(expected), JSON.readTree(request.getBody().utf8()));
  }

  int requests() {
    return server.getRequestCount();
  }

  @Override
  public void close() {
    server.close();
  }
}

package com.ckengine.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a sandbox's v4 API with either kind of credential, for the v4 tests. */
final class V4Http {
  final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  final KitSandbox sandbox;

  V4Http(KitSandbox sandbox) {
    this.sandbox = sandbox;
  }

  HttpResponse<String> withKey(String key, String method, String path, String body)
      throws Exception {
    return send("X-Kit-Api-Key", key, method, path, body);
  }

  HttpResponse<String> withToken(String token, String method, String path, String body)
      throws Exception {
    return send("Authorization", "Bearer " + token, method, path, body);
  }

  HttpResponse<String> send(String header, String value, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(sandbox.v4BaseUrl() + path))
            .timeout(Duration.ofSeconds(5));
    if (header != null) r.header(header, value);
    if (body == null) {
      r.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      r.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form POST to an OAuth endpoint. */
  HttpResponse<String> form(String path, String form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(sandbox.v4BaseUrl() + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return KitSandboxTest.JSON.readTree(r.body());
  }
}

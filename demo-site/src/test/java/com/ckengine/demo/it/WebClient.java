package com.ckengine.demo.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like HTTP client for the tests: keeps cookies (the session), does not follow redirects
 * (tests look at them), and reads Broadleaf's CSRF token from the last page it fetched.
 */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient http;
  private String lastBody = "";

  public WebClient(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  public HttpResponse<String> get(String path) throws Exception {
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  /** POSTs a form; the CSRF token of the last page is added unless the form has one. */
  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (!fields.containsKey("csrfToken")) {
      fields.put("csrfToken", csrfToken());
    }
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString()));
  }

  public String csrfToken() {
    Matcher m = CSRF.matcher(lastBody);
    if (!m.find()) {
      throw new AssertionError("No csrfToken on the last page:\n" + lastBody);
    }
    return m.group(1);
  }

  /** The path a redirect points to, relative to the base (e.g. "/confirmation/123"). */
  public String redirectPath(HttpResponse<String> response) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Not a redirect: " + response.statusCode() + "\n" + response.body()));
    return location.startsWith(base) ? location.substring(base.length()) : location;
  }

  private HttpResponse<String> remember(HttpResponse<String> response) {
    lastBody = response.body();
    return response;
  }
}

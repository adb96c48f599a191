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

  /** A client signed in to the admin at {@code adminUrl} as {@code user}. */
  public static WebClient adminSignedIn(String adminUrl, String user, String password)
      throws Exception {
    WebClient admin = new WebClient(adminUrl);
    admin.get("/login");
    HttpResponse<String> r =
        admin.post("/login_admin_post", Map.of("j_username", user, "j_password", password));
    if (!admin.redirectPath(r).contains("loginSuccess")) {
      throw new AssertionError(user + " could not sign in: " + admin.redirectPath(r));
    }
    return admin;
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

  /**
   * POSTs {@code fields} as a {@code multipart/form-data} body (as a file-upload form does). The
   * CSRF token of the last page goes into the query string, where Broadleaf's CSRF filter, which
   * runs before the body is parsed, reads it.
   */
  public HttpResponse<String> postMultipart(String path, Map<String, String> fields)
      throws Exception {
    String boundary = "----ckengine" + System.nanoTime();
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      body.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"")
          .append(e.getKey())
          .append("\"\r\n\r\n")
          .append(e.getValue())
          .append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    String query =
        (path.contains("?") ? "&" : "?")
            + "csrfToken="
            + URLEncoder.encode(csrfToken(), StandardCharsets.UTF_8);
    return remember(
        http.send(
            HttpRequest.newBuilder(URI.create(base + path + query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
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

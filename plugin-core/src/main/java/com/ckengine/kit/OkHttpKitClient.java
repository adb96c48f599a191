package com.ckengine.kit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** {@link KitClient} over OkHttp, with request bodies written and responses read by Jackson. */
final class OkHttpKitClient implements KitClient {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Writes BigDecimal as given ("10.50" stays "10.50", never "1E+1"). */
  private static final JsonFactory JSON_FACTORY =
      new JsonFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private static final ObjectMapper MAPPER = new ObjectMapper(JSON_FACTORY);

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final RateLimiter limiter;

  OkHttpKitClient(KitClient.Builder b, RateLimiter limiter) {
    OkHttpClient base = b.okHttpClient != null ? b.okHttpClient : new OkHttpClient();
    this.http =
        base.newBuilder()
            .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            // A retried POST could tag or record a purchase twice; retries are the caller's choice.
            .retryOnConnectionFailure(false)
            .build();
    this.baseUrl = b.baseUrl;
    this.limiter = limiter;
  }

  @Override
  public KitResult<KitAccount> account(ApiSecret secret) {
    Request request = get(secret, "account");
    return execute(
        secret,
        request,
        "account",
        new Parser<KitAccount>() {
          @Override
          public KitAccount parse(JsonNode json) throws IOException {
            return new KitAccount(text(json, "name"), text(json, "primary_email_address"));
          }
        });
  }

  @Override
  public KitResult<List<KitTag>> listTags(ApiSecret secret) {
    Request request = get(secret, "tags");
    return execute(
        secret,
        request,
        "tag list",
        new Parser<List<KitTag>>() {
          @Override
          public List<KitTag> parse(JsonNode json) throws IOException {
            JsonNode tags = json.get("tags");
            if (tags == null || !tags.isArray()) throw new IOException("no tags array");
            List<KitTag> result = new ArrayList<KitTag>(tags.size());
            for (JsonNode tag : tags) result.add(tag(tag));
            return Collections.unmodifiableList(result);
          }
        });
  }

  @Override
  public KitResult<KitTag> createTag(ApiSecret secret, String name) {
    if (name == null || name.trim().isEmpty()) throw new IllegalArgumentException("tag name");
    JsonBody body = new JsonBody(secret);
    try {
      body.json.writeObjectFieldStart("tag");
      body.json.writeStringField("name", name);
      body.json.writeEndObject();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Request request = post("tags", body);
    return execute(
        secret,
        request,
        "tag creation",
        new Parser<KitTag>() {
          @Override
          public KitTag parse(JsonNode json) throws IOException {
            // Kit answers an array when given one; accept either shape.
            return tag(json.isArray() && json.size() > 0 ? json.get(0) : json);
          }
        });
  }

  @Override
  public KitResult<KitSubscription> tagSubscriber(ApiSecret secret, TagSubscriberRequest r) {
    List<Long> ids = r.tagIds();
    JsonBody body = new JsonBody(secret);
    try {
      JsonGenerator json = body.json;
      json.writeStringField("email", r.email());
      if (r.firstName() != null) json.writeStringField("first_name", r.firstName());
      if (!r.fields().isEmpty()) {
        json.writeObjectFieldStart("fields");
        for (Map.Entry<String, String> field : r.fields().entrySet()) {
          json.writeStringField(field.getKey(), field.getValue());
        }
        json.writeEndObject();
      }
      if (ids.size() > 1) {
        json.writeArrayFieldStart("tags");
        for (Long id : ids.subList(1, ids.size())) json.writeNumber(id);
        json.writeEndArray();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Request request = post("tags/" + ids.get(0) + "/subscribe", body);
    String entity = ids.size() == 1 ? "tag " + ids.get(0) : "one of tags " + ids;
    return execute(
        secret,
        request,
        entity,
        new Parser<KitSubscription>() {
          @Override
          public KitSubscription parse(JsonNode json) throws IOException {
            JsonNode s = json.get("subscription");
            if (s == null) throw new IOException("no subscription");
            JsonNode subscriber = s.path("subscriber");
            return new KitSubscription(id(s), text(s, "state"), id(subscriber));
          }
        });
  }

  @Override
  public KitResult<KitTag> removeTag(ApiSecret secret, long tagId, String email) {
    if (email == null || email.trim().isEmpty()) throw new IllegalArgumentException("email");
    JsonBody body = new JsonBody(secret);
    try {
      body.json.writeStringField("email", email);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Request request = post("tags/" + tagId + "/unsubscribe", body);
    return execute(
        secret,
        request,
        "tag " + tagId + " or its subscriber " + email,
        new Parser<KitTag>() {
          @Override
          public KitTag parse(JsonNode json) throws IOException {
            return tag(json);
          }
        });
  }

  @Override
  public KitResult<KitPurchaseReceipt> recordPurchase(ApiSecret secret, Purchase p) {
    JsonBody body = new JsonBody(secret);
    try {
      JsonGenerator json = body.json;
      json.writeObjectFieldStart("purchase");
      json.writeStringField("transaction_id", p.transactionId());
      json.writeStringField("email_address", p.emailAddress());
      if (p.firstName() != null) json.writeStringField("first_name", p.firstName());
      json.writeStringField("currency", p.currency());
      if (p.transactionTime() != null) {
        json.writeStringField("transaction_time", p.transactionTime().toString());
      }
      money(json, "subtotal", p.subtotal());
      money(json, "tax", p.tax());
      money(json, "shipping", p.shipping());
      money(json, "discount", p.discount());
      money(json, "total", p.total());
      json.writeStringField("status", p.status());
      json.writeArrayFieldStart("products");
      for (PurchaseLine line : p.products()) {
        json.writeStartObject();
        json.writeNumberField("pid", line.pid());
        json.writeNumberField("lid", line.lid());
        json.writeStringField("name", line.name());
        json.writeStringField("sku", line.sku());
        money(json, "unit_price", line.unitPrice());
        json.writeNumberField("quantity", line.quantity());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Request request = post("purchases", body);
    return execute(
        secret,
        request,
        "purchase " + p.transactionId(),
        new Parser<KitPurchaseReceipt>() {
          @Override
          public KitPurchaseReceipt parse(JsonNode json) throws IOException {
            return new KitPurchaseReceipt(id(json), text(json, "transaction_id"));
          }
        });
  }

  @Override
  public String toString() {
    return "KitClient{" + baseUrl + "}";
  }

  private Request get(ApiSecret secret, String path) {
    // Kit's v3 reads take the secret only as a query parameter.
    HttpUrl url =
        baseUrl.resolve(path).newBuilder().addQueryParameter("api_secret", secret.reveal()).build();
    return new Request.Builder().url(url).get().build();
  }

  private Request post(String path, JsonBody body) {
    return new Request.Builder()
        .url(baseUrl.resolve(path))
        .post(RequestBody.create(body.finish(), JSON))
        .build();
  }

  /** Sends one request, paced by the limiter, and turns whatever happens into a result. */
  private <T> KitResult<T> execute(
      ApiSecret secret, Request request, String entity, Parser<T> parser) {
    RateLimiter.Permit permit;
    try {
      permit = limiter.acquire(secret);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return KitResult.failure(
          KitOutcome.UNAVAILABLE, 0, "interrupted while waiting for the rate limit");
    }
    if (permit == null) {
      return KitResult.failure(
          KitOutcome.RATE_LIMITED, 0, "rate limit of this API secret reached; retry later");
    }
    boolean rateLimited = false;
    try (Response response = http.newCall(request).execute()) {
      int status = response.code();
      rateLimited = status == 429;
      ResponseBody responseBody = response.body();
      String text = responseBody == null ? "" : responseBody.string();
      KitOutcome outcome = KitOutcome.forStatus(status);
      if (outcome == KitOutcome.SUCCESS) {
        try {
          return KitResult.success(parser.parse(MAPPER.readTree(text)), status);
        } catch (IOException | RuntimeException e) {
          return KitResult.failure(
              KitOutcome.UNAVAILABLE,
              status,
              "unreadable answer from Kit for the " + entity + " (HTTP " + status + ")");
        }
      }
      String message = kitMessage(text, status);
      if (outcome == KitOutcome.NOT_FOUND) message = entity + " not found in Kit: " + message;
      return KitResult.failure(outcome, status, scrub(message, secret));
    } catch (InterruptedIOException e) {
      // OkHttp's connect, read and call timeouts all end here.
      return KitResult.failure(
          KitOutcome.UNAVAILABLE,
          0,
          "Kit did not answer in time (" + scrub(String.valueOf(e.getMessage()), secret) + ")");
    } catch (IOException e) {
      return KitResult.failure(
          KitOutcome.UNAVAILABLE,
          0,
          "cannot reach Kit: "
              + e.getClass().getSimpleName()
              + ": "
              + scrub(String.valueOf(e.getMessage()), secret));
    } finally {
      limiter.release(permit, rateLimited);
    }
  }

  /** Kit's {@code message}, else its {@code error}, else the bare status. */
  private static String kitMessage(String body, int status) {
    try {
      JsonNode json = MAPPER.readTree(body);
      if (json != null) {
        String message = json.path("message").asText("");
        if (message.isEmpty()) message = json.path("error").asText("");
        if (message.isEmpty() && json.path("errors").isArray()) {
          message = json.path("errors").path(0).asText("");
        }
        if (!message.isEmpty()) return message;
      }
    } catch (IOException | RuntimeException notJson) {
      // Proxies answer HTML; the status says enough.
    }
    return "HTTP " + status;
  }

  /** Removes the secret, plain or URL-encoded, should any text ever echo it. */
  static String scrub(String text, ApiSecret secret) {
    String plain = secret.reveal();
    String encoded =
        HttpUrl.get("http://x/")
            .newBuilder()
            .addQueryParameter("s", plain)
            .build()
            .encodedQuery()
            .substring(2);
    return text.replace(plain, "[redacted]").replace(encoded, "[redacted]");
  }

  private static void money(JsonGenerator json, String field, BigDecimal amount)
      throws IOException {
    if (amount != null) json.writeNumberField(field, amount);
  }

  private static KitTag tag(JsonNode json) throws IOException {
    return new KitTag(id(json), text(json, "name"), instant(json.path("created_at").asText(null)));
  }

  private static long id(JsonNode json) throws IOException {
    JsonNode id = json.get("id");
    if (id == null || !id.canConvertToLong()) throw new IOException("no numeric id");
    return id.asLong();
  }

  private static String text(JsonNode json, String field) throws IOException {
    JsonNode node = json.get(field);
    if (node == null || !node.isValueNode()) throw new IOException("no " + field);
    return node.asText();
  }

  /** Kit's timestamps are ISO-8601; a value we cannot read is dropped, not fatal. */
  private static Instant instant(String text) {
    if (text == null) return null;
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Reads a successful answer; throws when the body does not have the expected shape. */
  private interface Parser<T> {
    T parse(JsonNode json) throws IOException;
  }

  /** A JSON object under construction that starts with the credentials. */
  private static final class JsonBody {
    final StringWriter out = new StringWriter();
    final JsonGenerator json;

    JsonBody(ApiSecret secret) {
      try {
        json = JSON_FACTORY.createGenerator(out);
        json.writeStartObject();
        json.writeStringField("api_secret", secret.reveal());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }

    String finish() {
      try {
        json.writeEndObject();
        json.close();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      return out.toString();
    }
  }
}

package com.ckengine.kit;

import com.ckengine.api.PlainText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Connection;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link KitClient} over OkHttp, with request bodies written and responses read by Jackson.
 *
 * <p>OkHttp's own retries and redirects are off: a silently repeated POST could tag or record a
 * purchase twice, and a followed redirect would carry a read's secret (in its query string) to
 * wherever the redirect points. The one retry made here is a read that failed on a reused pooled
 * connection before any answer arrived: that is a connection the server closed while it sat idle,
 * and a read may safely go again, once, on a connection of its own.
 */
final class OkHttpKitClient implements KitClient {
  private static final Log LOG = LogFactory.getLog(OkHttpKitClient.class);

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Writes BigDecimal as given ("10.50" stays "10.50", never "1E+1"). */
  private static final JsonFactory JSON_FACTORY =
      new JsonFactory().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

  private static final ObjectMapper MAPPER = new ObjectMapper(JSON_FACTORY);

  private final OkHttpClient http;

  /**
   * For the one retry of a read: never reuses a connection, so the retry cannot meet a stale one.
   */
  private final OkHttpClient fresh;

  private final HttpUrl baseUrl;
  private final RateLimiter limiter;
  private final long maxAnswerBytes;

  private final AtomicLong staleConnectionRetries;

  /** This client's view for an operator's calls: the same connections, the operator's limiter. */
  private final OkHttpKitClient operatorView;

  /** Connections that have carried a request already; a later request on one is on a reused one. */
  private final Set<Connection> used;

  OkHttpKitClient(KitClient.Builder b, RateLimiter limiter, RateLimiter operatorLimiter) {
    this.used =
        Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<Connection, Boolean>()));
    this.staleConnectionRetries = new AtomicLong();
    OkHttpClient.Builder base;
    if (b.okHttpClient != null) {
      base = b.okHttpClient.newBuilder();
    } else {
      base =
          new OkHttpClient.Builder()
              .connectionPool(
                  new ConnectionPool(5, b.connectionKeepAlive.toMillis(), TimeUnit.MILLISECONDS));
    }
    this.http =
        base.connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(b.callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            // A retried POST could tag or record a purchase twice; retries are the caller's choice.
            .retryOnConnectionFailure(false)
            // A redirect would forward a read's secret, which is in its query string.
            .followRedirects(false)
            .followSslRedirects(false)
            .addNetworkInterceptor(this::track)
            .build();
    this.fresh =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    this.baseUrl = b.baseUrl;
    this.limiter = limiter;
    this.maxAnswerBytes = b.maxAnswerBytes;
    this.operatorView =
        operatorLimiter == limiter ? this : new OkHttpKitClient(this, operatorLimiter);
  }

  /** {@code base}'s connections and settings, paced by {@code limiter}. */
  private OkHttpKitClient(OkHttpKitClient base, RateLimiter limiter) {
    this.http = base.http;
    this.fresh = base.fresh;
    this.baseUrl = base.baseUrl;
    this.maxAnswerBytes = base.maxAnswerBytes;
    this.used = base.used;
    this.staleConnectionRetries = base.staleConnectionRetries;
    this.limiter = limiter;
    this.operatorView = this;
  }

  @Override
  public KitClient forOperator() {
    return operatorView;
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
        "tag " + tagId,
        new Parser<KitTag>() {
          @Override
          public KitTag parse(JsonNode json) throws IOException {
            // Kit answers the tag, also for an email it does not know (nothing to remove: done).
            // Any other JSON object without an error is success too: the tag is not on the email.
            if (json == null || !json.isObject()) throw new IOException("not an object");
            if (json.has("id")) return tag(json);
            return new KitTag(tagId, json.path("name").asText(""), null);
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
      if (p.integration() != null) json.writeStringField("integration", p.integration());
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
  public KitResult<KitPurchasePage> listPurchases(ApiSecret secret, int page) {
    if (page < 1) throw new IllegalArgumentException("page must be at least 1");
    HttpUrl url =
        baseUrl
            .resolve("purchases")
            .newBuilder()
            .addQueryParameter("api_secret", secret.reveal())
            .addQueryParameter("page", String.valueOf(page))
            .build();
    return execute(
        secret,
        new Request.Builder().url(url).get().build(),
        "purchase list page " + page,
        new Parser<KitPurchasePage>() {
          @Override
          public KitPurchasePage parse(JsonNode json) throws IOException {
            JsonNode purchases = json.get("purchases");
            if (purchases == null || !purchases.isArray()) throw new IOException("no purchases");
            List<KitPurchaseReceipt> receipts = new ArrayList<KitPurchaseReceipt>();
            for (JsonNode p : purchases) {
              receipts.add(new KitPurchaseReceipt(id(p), text(p, "transaction_id")));
            }
            return new KitPurchasePage(
                json.path("page").asInt(page),
                json.path("total_pages").asInt(1),
                json.path("total_purchases").asLong(receipts.size()),
                receipts);
          }
        });
  }

  @Override
  public Duration permitDelay(ApiSecret secret) {
    if (secret == null) throw new NullPointerException("secret");
    return Duration.ofNanos(limiter.delayNanos(secret));
  }

  /** Reads sent again because their pooled connection had been closed by the server. */
  long staleConnectionRetries() {
    return staleConnectionRetries.get();
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
    boolean write = !request.method().equals("GET");
    RateLimiter.Permit permit;
    try {
      permit = limiter.acquire(secret);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return KitResult.failure(
          KitOutcome.UNAVAILABLE, 0, "interrupted while waiting for the rate limit; nothing sent");
    }
    if (!permit.isGranted()) {
      Duration wait = Duration.ofNanos(permit.refusedWaitNanos());
      return KitResult.throttled(
          wait,
          "rate limit of this API secret reached: next permit in "
              + wait.toMillis()
              + " ms; nothing sent");
    }
    boolean rateLimited = false;
    Attempt attempt = new Attempt();
    try {
      Response response;
      try {
        response = http.newCall(attempt.tag(request)).execute();
      } catch (IOException e) {
        if (write || !attempt.failedOnStaleConnection(e)) throw e;
        // The server closed the pooled connection while it was idle, and the read went out on it:
        // nothing reached Kit, and a read may go again. Once, on a connection of its own.
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "Kit "
                  + entity
                  + ": the pooled connection had been closed by the server ("
                  + PlainText.escaped(scrub(describe(e), secret))
                  + "); sent again on a new connection");
        }
        staleConnectionRetries.incrementAndGet();
        // The resend is a request of its own in Kit's count, whatever reached Kit before: it takes
        // a permit of its own, so the budget holds every request that leaves this process.
        limiter.release(permit, false);
        permit = null;
        try {
          permit = limiter.acquire(secret);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return KitResult.failure(
              KitOutcome.UNAVAILABLE,
              0,
              "interrupted while waiting for the rate limit to send the " + entity + " again");
        }
        if (!permit.isGranted()) {
          Duration wait = Duration.ofNanos(permit.refusedWaitNanos());
          permit = null;
          return KitResult.throttled(
              wait,
              "rate limit of this API secret reached before the "
                  + entity
                  + " could be sent again: next permit in "
                  + wait.toMillis()
                  + " ms");
        }
        attempt = new Attempt();
        response = fresh.newCall(attempt.tag(request)).execute();
      }
      try (Response r = response) {
        rateLimited = r.code() == 429;
        String text = readBounded(r.body());
        if (text == null) {
          return failed(
              write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE,
              r.code(),
              "answer from Kit for the "
                  + entity
                  + " is longer than "
                  + maxAnswerBytes
                  + " bytes and was not read (HTTP "
                  + r.code()
                  + ")"
                  + (write ? MAY_HAVE_ACTED : ""),
              secret,
              entity);
        }
        return answer(r, text, write, secret, entity, parser);
      }
    } catch (IOException e) {
      return failure(e, attempt, write, secret, entity);
    } finally {
      if (permit != null) limiter.release(permit, rateLimited);
    }
  }

  /**
   * The answer's text, or null when it is longer than {@code maxAnswerBytes}: only that much (plus
   * one byte) is ever buffered, whatever length the server announces or sends.
   */
  private String readBounded(ResponseBody body) throws IOException {
    if (body == null) return "";
    if (body.contentLength() > maxAnswerBytes) return null;
    BufferedSource source = body.source();
    if (source.request(maxAnswerBytes + 1)) return null;
    MediaType type = body.contentType();
    Charset charset = type == null ? null : type.charset(null);
    return source.readString(charset == null ? StandardCharsets.UTF_8 : charset);
  }

  /** What an HTTP answer means. */
  private <T> KitResult<T> answer(
      Response response,
      String text,
      boolean write,
      ApiSecret secret,
      String entity,
      Parser<T> parser) {
    int status = response.code();
    JsonNode json = readJson(text);
    String error = json != null && json.isObject() ? json.path("error").asText("") : "";
    if (error.trim().equalsIgnoreCase("Tag not found")) {
      // Kit's answer to an unknown tag id, whatever the status it comes with.
      return failed(
          KitOutcome.NOT_FOUND,
          status,
          entity + " not found in Kit: " + kitMessage(json, status),
          secret,
          entity);
    }
    if (status >= 300 && status < 400) {
      HttpUrl to =
          response.header("Location") == null
              ? null
              : response.request().url().resolve(response.header("Location"));
      String where = to == null ? "" : " to " + to.scheme() + "://" + to.host();
      KitResult<T> result =
          KitResult.failure(
              KitOutcome.REJECTED,
              status,
              "Kit answered HTTP "
                  + status
                  + " (a redirect"
                  + where
                  + "), which is not followed so that the API secret goes nowhere else;"
                  + " check the Kit base URL");
      LOG.warn("Kit " + entity + ": " + PlainText.escaped(scrub(result.message(), secret)));
      return result;
    }
    KitOutcome outcome = KitOutcome.forStatus(status, write);
    if (outcome == KitOutcome.SUCCESS) {
      if (!error.trim().isEmpty()) {
        // Kit's own clients take an error key as a failure even on a 2xx, and so do we.
        return failed(KitOutcome.REJECTED, status, kitMessage(json, status), secret, entity);
      }
      try {
        if (json == null) throw new IOException("not JSON");
        return KitResult.success(parser.parse(json), status);
      } catch (IOException | RuntimeException e) {
        return failed(
            write ? KitOutcome.UNKNOWN : KitOutcome.UNAVAILABLE,
            status,
            "unreadable answer from Kit for the "
                + entity
                + " (HTTP "
                + status
                + ")"
                + (write ? MAY_HAVE_ACTED : ""),
            secret,
            entity);
      }
    }
    String message = kitMessage(json, status);
    if (outcome == KitOutcome.NOT_FOUND) message = entity + " not found in Kit: " + message;
    if (outcome == KitOutcome.UNKNOWN) message = message + MAY_HAVE_ACTED;
    return failed(outcome, status, message, secret, entity);
  }

  private static final String MAY_HAVE_ACTED = "; Kit may or may not have applied it";

  /** What a call that ended without an HTTP answer means. */
  private static <T> KitResult<T> failure(
      IOException e, Attempt attempt, boolean write, ApiSecret secret, String entity) {
    boolean timeout = e instanceof InterruptedIOException;
    if (timeout && !(e instanceof SocketTimeoutException) && "interrupted".equals(e.getMessage())) {
      // Whoever interrupted us (a shutdown) must still see it once the result is back.
      Thread.currentThread().interrupt();
    }
    String cause = scrub(describe(e), secret);
    if (write && attempt.sent) {
      return failed(
          KitOutcome.UNKNOWN,
          0,
          (timeout
                  ? "Kit did not answer in time (" + cause + ")"
                  : "Kit's answer was lost (" + cause + ")")
              + MAY_HAVE_ACTED,
          secret,
          entity);
    }
    return failed(
        KitOutcome.UNAVAILABLE,
        0,
        timeout ? "Kit did not answer in time (" + cause + ")" : "cannot reach Kit: " + cause,
        secret,
        entity);
  }

  private static <T> KitResult<T> failed(
      KitOutcome outcome, int status, String message, ApiSecret secret, String entity) {
    KitResult<T> result = KitResult.failure(outcome, status, scrub(message, secret));
    // Kit's message is text from outside: on one line in the log, so it cannot pass for a line of
    // ours.
    if (LOG.isDebugEnabled())
      LOG.debug("Kit " + entity + ": " + PlainText.escaped(result.toString()));
    return result;
  }

  private static String describe(IOException e) {
    if (e instanceof InterruptedIOException) return String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Network interceptor: notes, per call, that a request is going out and on what connection. */
  private Response track(Interceptor.Chain chain) throws IOException {
    Attempt attempt = chain.request().tag(Attempt.class);
    Connection connection = chain.connection();
    if (attempt != null) {
      attempt.reused = connection != null && !used.add(connection);
      attempt.sent = true;
    } else if (connection != null) {
      used.add(connection);
    }
    Response response = chain.proceed(chain.request());
    if (attempt != null) attempt.answered = true;
    return response;
  }

  /** What became of one try of a call, as far as the connection goes. */
  private static final class Attempt {
    /** The request was about to be written: from here on Kit may have received it. */
    volatile boolean sent;

    /** It went out on a connection that had carried a request before. */
    volatile boolean reused;

    /** The status line and headers of an answer arrived. */
    volatile boolean answered;

    Request tag(Request request) {
      return request.newBuilder().tag(Attempt.class, this).build();
    }

    /**
     * A failure on a reused connection before any answer: the connection was closed by the server
     * while it sat in the pool. Timeouts are not this (a server that is slow is not gone).
     */
    boolean failedOnStaleConnection(IOException e) {
      return sent && reused && !answered && !(e instanceof InterruptedIOException);
    }
  }

  /** The body as JSON, or null when it is not JSON (proxies answer HTML). */
  private static JsonNode readJson(String body) {
    try {
      JsonNode json = MAPPER.readTree(body);
      return json == null || json.isMissingNode() ? null : json;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** Kit's {@code message}, else its {@code error}, else the bare status. */
  private static String kitMessage(JsonNode json, int status) {
    if (json != null) {
      String message = json.path("message").asText("");
      if (message.isEmpty()) message = json.path("error").asText("");
      if (message.isEmpty() && json.path("errors").isArray()) {
        message = json.path("errors").path(0).asText("");
      }
      if (!message.isEmpty()) return message;
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

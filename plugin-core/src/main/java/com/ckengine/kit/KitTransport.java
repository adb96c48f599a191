package com.ckengine.kit;

import com.ckengine.api.PlainText;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
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
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends one {@link KitCall} and turns whatever happens into a {@link KitResult}, the same way for
 * every API version: a permit from the credential kind's limiter per request, OkHttp, bounded
 * reads, the status-to-outcome mapping, and the credential scrubbed from every message. What a
 * request holds and how its answer reads is the codecs' business ({@link V3Codec}, {@link
 * V4Codec}).
 *
 * <p>OkHttp's own retries and redirects are off: a silently repeated POST could tag or record a
 * purchase twice, and a followed redirect would carry the credential (in a v3 read's query string,
 * in a v4 header) to wherever the redirect points. The one retry made here is a read that failed on
 * a reused pooled connection before any answer arrived: that is a connection the server closed
 * while it sat idle, and a read may safely go again, once, on a connection of its own.
 */
final class KitTransport {
  private static final Log LOG = LogFactory.getLog(KitTransport.class);

  static final String MAY_HAVE_ACTED = "; Kit may or may not have applied it";

  private final OkHttpClient http;

  /**
   * For the one retry of a read: never reuses a connection, so the retry cannot meet a stale one.
   */
  private final OkHttpClient fresh;

  private final KitLimiters limiters;
  private final long maxAnswerBytes;
  private final AtomicLong staleConnectionRetries;

  /** Connections that have carried a request already; a later request on one is on a reused one. */
  private final Set<Connection> used;

  KitTransport(KitClient.Builder b, KitLimiters limiters) {
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
            // A redirect would forward the credential, in a v3 read's query or a v4 header.
            .followRedirects(false)
            .followSslRedirects(false)
            .addNetworkInterceptor(this::track)
            .build();
    this.fresh =
        http.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
    this.limiters = limiters;
    this.maxAnswerBytes = b.maxAnswerBytes;
  }

  /** {@code base}'s connections and settings, paced by {@code limiters}. */
  private KitTransport(KitTransport base, KitLimiters limiters) {
    this.http = base.http;
    this.fresh = base.fresh;
    this.maxAnswerBytes = base.maxAnswerBytes;
    this.used = base.used;
    this.staleConnectionRetries = base.staleConnectionRetries;
    this.limiters = limiters;
  }

  /** The same connections, paced by other limiters (an operator's share). */
  KitTransport pacedBy(KitLimiters other) {
    return other == limiters ? this : new KitTransport(this, other);
  }

  Duration permitDelay(KitCredential credential) {
    if (credential == null) throw new NullPointerException("credential");
    return Duration.ofNanos(limiters.of(credential.kind()).delayNanos(credential));
  }

  RecentCalls recentCalls(KitCredential credential) {
    if (credential == null) throw new NullPointerException("credential");
    long[] recent = limiters.of(credential.kind()).recent(credential);
    return RecentCalls.of((int) recent[0], Duration.ofNanos(recent[1]));
  }

  void countCallsMadeElsewhere(KitCredential credential, RecentCalls calls) {
    if (credential == null) throw new NullPointerException("credential");
    if (calls.isNone()) return;
    limiters
        .of(credential.kind())
        .countMadeElsewhere(credential, calls.count(), calls.leftInWindow().toNanos());
  }

  /** Reads sent again because their pooled connection had been closed by the server. */
  long staleConnectionRetries() {
    return staleConnectionRetries.get();
  }

  /** Sends one request, paced by the credential's limiter, and says what came of it. */
  <T> KitResult<T> send(KitCredential credential, KitCall<T> call) {
    return send(credential, limiters.of(credential.kind()), null, call);
  }

  /**
   * Reserves the permits of {@code requests} requests to be sent one after another with {@code
   * credential}, all together or none ({@link RequestPlan}); the caller closes the plan when done.
   */
  RequestPlan plan(KitCredential credential, int requests) {
    return RequestPlan.reserve(limiters.of(credential.kind()), credential, requests);
  }

  /** Sends the next request of a plan on its reserved permit, and says what came of it. */
  <T> KitResult<T> send(RequestPlan plan, KitCall<T> call) {
    return send(plan.credential, plan.limiter, plan, call);
  }

  private <T> KitResult<T> send(
      KitCredential credential, RateLimiter limiter, RequestPlan plan, KitCall<T> call) {
    boolean write = call.isWrite();
    String entity = call.entity;
    RateLimiter.Permit permit;
    try {
      permit = plan == null ? limiter.acquire(credential) : plan.nextPermit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return KitResult.failure(
          KitOutcome.UNAVAILABLE, 0, "interrupted while waiting for the rate limit; nothing sent");
    }
    if (!permit.isGranted()) {
      Duration wait = Duration.ofNanos(permit.refusedWaitNanos());
      return KitResult.throttled(
          wait,
          "rate limit of this "
              + name(credential)
              + " reached: next permit in "
              + wait.toMillis()
              + " ms; nothing sent");
    }
    boolean rateLimited = false;
    Attempt attempt = new Attempt();
    try {
      Response response;
      try {
        response = http.newCall(attempt.tag(call.request)).execute();
      } catch (IOException e) {
        if (write || !attempt.failedOnStaleConnection(e)) throw e;
        // The server closed the pooled connection while it was idle, and the read went out on it:
        // nothing reached Kit, and a read may go again. Once, on a connection of its own.
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "Kit "
                  + entity
                  + ": the pooled connection had been closed by the server ("
                  + PlainText.escaped(scrub(describe(e), credential))
                  + "); sent again on a new connection");
        }
        staleConnectionRetries.incrementAndGet();
        // The resend is a request of its own in Kit's count, whatever reached Kit before: it takes
        // a permit of its own, so the budget holds every request that leaves this process.
        limiter.release(permit, false);
        permit = null;
        try {
          permit = limiter.acquire(credential);
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
              "rate limit of this "
                  + name(credential)
                  + " reached before the "
                  + entity
                  + " could be sent again: next permit in "
                  + wait.toMillis()
                  + " ms");
        }
        attempt = new Attempt();
        response = fresh.newCall(attempt.tag(call.request)).execute();
      }
      try (Response r = response) {
        // Kit's 429 (v3: empty; v4: the plain text "Retry later") pauses the credential.
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
              credential,
              entity);
        }
        return answer(r, text, call, credential);
      }
    } catch (IOException e) {
      return failure(e, attempt, write, credential, entity);
    } finally {
      if (permit != null) limiter.release(permit, rateLimited);
    }
  }

  /**
   * One request to Kit's OAuth server ({@link OkHttpKitOAuth}): no API permit (those endpoints are
   * not the API's budget) and no retry (a code is single-use, a refresh token may be replaced); the
   * answer read as boundedly as the API's. Its caller maps the answer and scrubs the secrets.
   *
   * @return the status and the body's text
   * @throws IOException when no whole answer arrived, or it was longer than the bound
   */
  RawAnswer exchange(Request request) throws IOException {
    try (Response r = http.newCall(request).execute()) {
      String text = readBounded(r.body());
      if (text == null) {
        throw new IOException("answer longer than " + maxAnswerBytes + " bytes (HTTP " + r.code());
      }
      return new RawAnswer(r.code(), text);
    }
  }

  /** An HTTP answer as it came: status and text. */
  static final class RawAnswer {
    final int status;
    final String text;

    RawAnswer(int status, String text) {
      this.status = status;
      this.text = text;
    }
  }

  /** How messages name the credential: "API secret", "API key", "OAuth token". */
  static String name(KitCredential credential) {
    switch (credential.kind()) {
      case V4_API_KEY:
        return "API key";
      case V4_OAUTH_TOKEN:
        return "OAuth token";
      default:
        return "API secret";
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
  private static <T> KitResult<T> answer(
      Response response, String text, KitCall<T> call, KitCredential credential) {
    int status = response.code();
    boolean write = call.isWrite();
    String entity = call.entity;
    JsonNode json = KitJson.read(text);
    KitOutcome said = call.errors.outcome(json, status);
    if (said == KitOutcome.NOT_FOUND) {
      return failed(
          KitOutcome.NOT_FOUND,
          status,
          entity + " not found in Kit: " + kitMessage(call, json, text, status),
          credential,
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
                  + "), which is not followed so that the "
                  + name(credential)
                  + " goes nowhere else; check the Kit base URL");
      LOG.warn("Kit " + entity + ": " + PlainText.escaped(scrub(result.message(), credential)));
      return result;
    }
    KitOutcome outcome = KitOutcome.forStatus(status, write);
    if (outcome == KitOutcome.SUCCESS) {
      if (said != null) {
        // Kit's own clients take an error on a 2xx as a failure, and so do we.
        return failed(said, status, kitMessage(call, json, text, status), credential, entity);
      }
      try {
        if (json == null && !text.trim().isEmpty()) throw new IOException("not JSON");
        return KitResult.success(call.reader.read(status, json), status);
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
            credential,
            entity);
      }
    }
    String message = kitMessage(call, json, text, status);
    if (outcome == KitOutcome.NOT_FOUND) message = entity + " not found in Kit: " + message;
    if (outcome == KitOutcome.UNKNOWN) message = message + MAY_HAVE_ACTED;
    return failed(outcome, status, message, credential, entity);
  }

  /** Kit's own words in the version's dialect, else the bare status. */
  private static String kitMessage(KitCall<?> call, JsonNode json, String text, int status) {
    String message = call.errors.message(json, text);
    return message == null || message.isEmpty() ? "HTTP " + status : message;
  }

  /** What a call that ended without an HTTP answer means. */
  private static <T> KitResult<T> failure(
      IOException e, Attempt attempt, boolean write, KitCredential credential, String entity) {
    boolean timeout = e instanceof InterruptedIOException;
    if (timeout && !(e instanceof SocketTimeoutException) && "interrupted".equals(e.getMessage())) {
      // Whoever interrupted us (a shutdown) must still see it once the result is back.
      Thread.currentThread().interrupt();
    }
    String cause = scrub(describe(e), credential);
    if (write && attempt.sent) {
      return failed(
          KitOutcome.UNKNOWN,
          0,
          (timeout
                  ? "Kit did not answer in time (" + cause + ")"
                  : "Kit's answer was lost (" + cause + ")")
              + MAY_HAVE_ACTED,
          credential,
          entity);
    }
    return failed(
        KitOutcome.UNAVAILABLE,
        0,
        timeout ? "Kit did not answer in time (" + cause + ")" : "cannot reach Kit: " + cause,
        credential,
        entity);
  }

  /** A failed result, its message scrubbed, logged at debug on one line. */
  static <T> KitResult<T> failed(
      KitOutcome outcome, int status, String message, KitCredential credential, String entity) {
    KitResult<T> result = KitResult.failure(outcome, status, scrub(message, credential));
    // Kit's message is text from outside: on one line in the log, so it cannot pass for a line of
    // ours.
    if (LOG.isDebugEnabled()) {
      LOG.debug("Kit " + entity + ": " + PlainText.escaped(result.toString()));
    }
    return result;
  }

  private static String describe(IOException e) {
    if (e instanceof InterruptedIOException) return String.valueOf(e.getMessage());
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Removes the credential, plain or URL-encoded, should any text ever echo it. */
  static String scrub(String text, KitCredential credential) {
    String plain = credential.reveal();
    String encoded =
        HttpUrl.get("http://x/")
            .newBuilder()
            .addQueryParameter("s", plain)
            .build()
            .encodedQuery()
            .substring(2);
    return text.replace(plain, "[redacted]").replace(encoded, "[redacted]");
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
}

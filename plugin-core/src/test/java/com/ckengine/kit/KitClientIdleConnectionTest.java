package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: calls after a quiet spell, against a sandbox that closes idle keep-alive connections as
 * API edges do. Times are scaled down: the sandbox closes after 0.8 s, calls come 1.2 s apart.
 */
class KitClientIdleConnectionTest {
  static final Duration SERVER_IDLE = Duration.ofMillis(800);
  static final Duration QUIET_SPELL = Duration.ofMillis(1200);

  KitSandbox sandbox;
  String secretText;
  KitCredential secret;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().noRateLimit().idleConnectionTimeout(SERVER_IDLE).build().start();
    secretText = sandbox.createAccount("Acme", "owner@acme.test");
    secret = KitCredential.v3Secret(secretText);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  static void quietSpell() throws InterruptedException {
    Thread.sleep(QUIET_SPELL.toMillis());
  }

  static Purchase purchase(String transactionId) {
    return Purchase.builder()
        .transactionId(transactionId)
        .emailAddress("ann@example.com")
        .currency("USD")
        .total(new BigDecimal("19.99"))
        .addProduct(
            PurchaseLine.builder()
                .pid(1)
                .lid(1)
                .name("Mug")
                .sku("MUG-1")
                .unitPrice(new BigDecimal("19.99"))
                .build())
        .build();
  }

  /** Makes one call and asserts that it succeeded at its first try, reaching Kit once. */
  <T> T firstTry(Supplier<KitResult<T>> call) {
    long before = sandbox.requestCount();
    KitResult<T> result = call.get();
    assertTrue(result.isSuccess(), result.toString());
    assertEquals(before + 1, sandbox.requestCount(), "one request reached Kit");
    return result.value();
  }

  @Test
  void everyCallAfterAQuietSpellSucceedsAtItsFirstTry() throws Exception {
    // The client's pool keeps connections for half the server's idle time, as the default 4 s
    // does against the shortest common edge (5 s).
    KitClient client =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .connectionKeepAlive(SERVER_IDLE.dividedBy(2))
            .build();

    firstTry(() -> client.account(secret));
    quietSpell();
    firstTry(() -> client.account(secret));
    quietSpell();
    firstTry(() -> client.listTags(secret));
    quietSpell();
    KitTag tag = firstTry(() -> client.createTag(secret, "Customer"));
    quietSpell();
    firstTry(
        () ->
            client.tagSubscriber(
                secret,
                TagSubscriberRequest.builder()
                    .email("ann@example.com")
                    .addTagId(tag.id())
                    .build()));
    quietSpell();
    firstTry(() -> client.removeTag(secret, tag.id(), "ann@example.com"));
    quietSpell();
    KitPurchaseReceipt receipt = firstTry(() -> client.recordPurchase(secret, purchase("order-1")));
    quietSpell();
    KitPurchasePage page = firstTry(() -> client.listPurchases(secret, null));

    assertEquals(1, sandbox.purchases(secretText).size(), "the purchase was recorded once");
    assertEquals(receipt, page.find("order-1"));
    assertEquals(0, sandbox.idleConnectionsClosed(), "the client let go of idle connections first");
    assertEquals(0, ((OkHttpKitClient) client).staleConnectionRetries(), "nothing was sent twice");
  }

  @Test
  void aReadOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
    // OkHttp's default pool (5 minutes) holds connections far beyond the server's idle time.
    KitClient client =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .connectionKeepAlive(Duration.ofMinutes(5))
            .build();
    List<Supplier<KitResult<?>>> reads =
        Arrays.<Supplier<KitResult<?>>>asList(
            () -> client.account(secret),
            () -> client.listTags(secret),
            () -> client.listPurchases(secret, null));
    for (Supplier<KitResult<?>> read : reads) {
      assertTrue(read.get().isSuccess()); // leaves its connection in the pool
      quietSpell(); // in which the server closes it
      long before = sandbox.requestCount();

      KitResult<?> result = read.get();

      assertTrue(result.isSuccess(), result.toString());
      assertEquals(before + 1, sandbox.requestCount(), "the read reached Kit once");
    }
    assertTrue(sandbox.idleConnectionsClosed() >= 3, "the server did close them");
    assertEquals(3, ((OkHttpKitClient) client).staleConnectionRetries(), "each sent again, once");
  }

  @Test
  void theReadSentAgainTakesARateLimitPermitOfItsOwn() throws Exception {
    // Two requests per window: the first read, then the read on the closed connection. Sending it
    // again would be a third request in the window, so it is not sent: the budget counts every
    // request that leaves this process.
    KitClient client =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .connectionKeepAlive(Duration.ofMinutes(5))
            .rateLimit(2, Duration.ofMinutes(1))
            .maxRateLimitWait(Duration.ZERO)
            .build();
    assertTrue(client.listTags(secret).isSuccess());
    quietSpell();
    long before = sandbox.requestCount();

    KitResult<?> result = client.listTags(secret);

    assertEquals(KitOutcome.THROTTLED, result.outcome(), result.toString());
    assertTrue(result.retryAfter().toMillis() > 0, "says when a permit is free");
    assertEquals(before, sandbox.requestCount(), "not sent again beyond the budget");
    assertEquals(1, ((OkHttpKitClient) client).staleConnectionRetries());
  }

  @Test
  void withOkHttpsDefaultsAndNoRetryTheSameReadFails() throws Exception {
    // What the client did before issue 11: OkHttp's 5-minute pool, no silent retries.
    OkHttpClient old = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Request account =
        new Request.Builder().url(sandbox.baseUrl() + "account?api_secret=" + secretText).build();
    try (Response first = old.newCall(account).execute()) {
      assertEquals(200, first.code());
      first.body().string();
    }
    quietSpell();
    long before = sandbox.requestCount();

    IOException failure =
        assertThrows(IOException.class, () -> old.newCall(account).execute().close());

    assertTrue(
        String.valueOf(failure.getMessage()).contains("unexpected end of stream")
            || failure instanceof java.net.SocketException,
        String.valueOf(failure));
    assertEquals(before, sandbox.requestCount(), "the read never reached the server");
  }

  @Test
  void aWriteOnAConnectionTheServerClosedIsNeverSentAgain() throws Exception {
    KitClient client =
        KitClient.builder()
            .baseUrl(sandbox.baseUrl())
            .connectionKeepAlive(Duration.ofMinutes(5))
            .build();
    assertTrue(client.account(secret).isSuccess());
    quietSpell(); // shorter than OkHttp's 10 s health check of idle connections before a POST
    long before = sandbox.requestCount();

    KitResult<KitPurchaseReceipt> result = client.recordPurchase(secret, purchase("order-2"));

    assertEquals(KitOutcome.UNKNOWN, result.outcome(), result.toString());
    assertEquals(before, sandbox.requestCount(), "it never reached Kit, and was not sent again");
    assertTrue(sandbox.purchases(secretText).isEmpty());
    // The broken connection is gone: the caller's own retry goes through.
    assertTrue(client.recordPurchase(secret, purchase("order-2")).isSuccess());
    assertEquals(1, sandbox.purchases(secretText).size());
  }

  @Test
  void theDefaultKeepAliveIsBelowTheShortestCommonServerIdleTimeout() {
    // Node.js and Apache httpd close idle keep-alive connections after 5 s.
    assertTrue(
        KitClient.Builder.DEFAULT_CONNECTION_KEEP_ALIVE.compareTo(Duration.ofSeconds(5)) < 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> KitClient.builder().connectionKeepAlive(Duration.ZERO));
  }
}

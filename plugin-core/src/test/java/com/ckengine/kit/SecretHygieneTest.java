package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The API secret never shows in toString(), results, exceptions or anything logged. */
class SecretHygieneTest {
  static final String SECRET_TEXT = "sk_hygiene_4f8a9c0d+e/f=";

  @Test
  void apiSecretIsRedactedButEqualByValue() {
    KitCredential secret = KitCredential.v3Secret("  " + SECRET_TEXT + "\n");
    assertEquals("KitCredential[V3_API_SECRET, redacted]", secret.toString());
    assertEquals(SECRET_TEXT, secret.reveal());
    assertEquals(KitCredential.v3Secret(SECRET_TEXT), secret);
    assertEquals(KitCredential.v3Secret(SECRET_TEXT).hashCode(), secret.hashCode());
    assertNotEquals(KitCredential.v3Secret(SECRET_TEXT + "x"), secret);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KitCredential.v3Secret(" "));
    assertEquals("API secret is empty", e.getMessage());
  }

  @Test
  void kitEchoingTheSecretIsScrubbed() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      KitClient client = KitClient.builder().baseUrl(server.url("/v3/").toString()).build();
      String encoded = URLEncoder.encode(SECRET_TEXT, StandardCharsets.UTF_8.name());
      server.enqueue(
          new MockResponse.Builder()
              .code(422)
              .body("{\"message\":\"bad key " + SECRET_TEXT + " in ?api_secret=" + encoded + "\"}")
              .build());

      KitResult<KitAccount> result = client.account(KitCredential.v3Secret(SECRET_TEXT));

      assertEquals("bad key [redacted] in ?api_secret=[redacted]", result.message());
    }
  }

  @Test
  void nothingPrintedOrLoggedOrReturnedCarriesTheSecret() throws Exception {
    List<String> seen = new ArrayList<String>();
    Logger root = Logger.getLogger("");
    // OkHttp logs to java.util.logging; the client's own log goes through commons-logging to the
    // host's log4j (as in a Broadleaf site), captured at DEBUG by LogCapture.
    Logger okhttp = Logger.getLogger("okhttp3");
    Level okhttpLevel = okhttp.getLevel();
    Logger kit = Logger.getLogger("com.ckengine.kit");
    Level kitLevel = kit.getLevel();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            synchronized (seen) {
              seen.add(
                  record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    okhttp.setLevel(Level.ALL);
    kit.setLevel(Level.ALL);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, "UTF-8"));
    System.setErr(new PrintStream(printed, true, "UTF-8"));
    try (com.ckengine.testing.LogCapture logged =
            com.ckengine.testing.LogCapture.start("com.ckengine.kit");
        KitSandbox sandbox =
            KitSandbox.builder()
                .noRateLimit()
                .idleConnectionTimeout(Duration.ofMillis(300))
                .build()
                .start();
        MockWebServer redirecting = new MockWebServer()) {
      sandbox.createAccount("Acme", "owner@acme.test", SECRET_TEXT);
      long tag = sandbox.createTag(SECRET_TEXT, "Customer");
      KitCredential secret = KitCredential.v3Secret(SECRET_TEXT);
      KitClient client =
          KitClient.builder()
              .baseUrl(sandbox.baseUrl())
              .readTimeout(Duration.ofMillis(300))
              .build();
      seen.add(client.toString());

      // Every operation, succeeding and failing every way the sandbox can fail.
      for (int status : new int[] {0, 400, 401, 403, 404, 422, 500, 503}) {
        for (int op = 0; op < OPS; op++) {
          if (status != 0) sandbox.failNext(1, status);
          seen.add(String.valueOf(call(client, secret, tag, op)));
          seen.add(call(client, secret, tag, op).message());
        }
      }
      // Writes applied, then answered badly: every kind of unknown outcome.
      for (int op = 2; op < 6; op++) {
        sandbox.failNextAfterApplying(1, 502);
        seen.add(String.valueOf(call(client, secret, tag, op)));
        sandbox.garbleNextAfterApplying(1);
        seen.add(String.valueOf(call(client, secret, tag, op)));
        sandbox.dropNextAfterApplying(1);
        seen.add(String.valueOf(call(client, secret, tag, op)));
      }
      sandbox.delayResponses(Duration.ofSeconds(1));
      seen.add(String.valueOf(client.account(secret)));
      seen.add(String.valueOf(call(client, secret, tag, 5)));
      sandbox.clearFaults();
      // Connections the sandbox closed while idle: a read sent again, a write that is not.
      Thread.sleep(600);
      seen.add(String.valueOf(client.listTags(secret)));
      seen.add(String.valueOf(client.account(secret)));
      Thread.sleep(600);
      seen.add(String.valueOf(client.listPurchases(secret, null)));
      // The limiter's refusal.
      KitClient strict =
          KitClient.builder()
              .baseUrl(sandbox.baseUrl())
              .rateLimit(1, Duration.ofMinutes(1))
              .maxRateLimitWait(Duration.ZERO)
              .build();
      seen.add(String.valueOf(strict.account(secret)));
      seen.add(String.valueOf(strict.account(secret)));
      // A redirect that would carry the secret elsewhere.
      redirecting.start();
      String encodedSecret = URLEncoder.encode(SECRET_TEXT, StandardCharsets.UTF_8.name());
      for (int i = 0; i < OPS; i++) {
        redirecting.enqueue(
            new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "https://elsewhere.example/v3/x?api_secret=" + encodedSecret)
                .build());
      }
      KitClient redirected =
          KitClient.builder().baseUrl(redirecting.url("/v3/").toString()).build();
      for (int op = 0; op < OPS; op++) seen.add(String.valueOf(call(redirected, secret, tag, op)));
      int closedPort;
      try (ServerSocket s = new ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      seen.add(
          String.valueOf(
              KitClient.builder()
                  .baseUrl("http://localhost:" + closedPort + "/v3/")
                  .build()
                  .listTags(secret)));
      // Misuse that throws: the exceptions say what is wrong, not which secret was used.
      seen.add(
          assertThrows(IllegalArgumentException.class, () -> client.createTag(secret, " "))
              .toString());
      seen.add(
          assertThrows(
                  IllegalStateException.class,
                  () -> client.account(KitCredential.v3Secret("wrong-" + SECRET_TEXT)).value())
              .toString());
      for (com.ckengine.testing.LogCapture.Line line : logged.lines()) {
        seen.add(line.category + " " + line.text());
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
      root.removeHandler(capture);
      okhttp.setLevel(okhttpLevel);
      kit.setLevel(kitLevel);
    }
    seen.add(printed.toString("UTF-8"));
    boolean clientLogged = false;
    for (String text : seen) clientLogged |= text.startsWith(KitTransport.class.getName());
    assertTrue(clientLogged, "the client's own log was captured too");

    String encoded = URLEncoder.encode(SECRET_TEXT, StandardCharsets.UTF_8.name());
    assertTrue(seen.size() > 90, "saw " + seen.size() + " texts");
    for (String text : seen) {
      assertFalse(
          text.contains(SECRET_TEXT) || text.contains(encoded) || text.contains("4f8a9c0d"),
          "secret leaked in: " + text);
    }
  }

  static final int OPS = 7;

  private static KitResult<?> call(KitClient client, KitCredential secret, long tag, int op) {
    switch (op) {
      case 6:
        return client.listPurchases(secret, null);
      case 0:
        return client.account(secret);
      case 1:
        return client.listTags(secret);
      case 2:
        return client.createTag(secret, "T" + System.nanoTime());
      case 3:
        return client.tagSubscriber(
            secret, TagSubscriberRequest.builder().email("a@b.test").addTagId(tag).build());
      case 4:
        return client.removeTag(secret, tag, "a@b.test");
      default:
        return client.recordPurchase(
            secret,
            Purchase.builder()
                .transactionId("t" + op)
                .emailAddress("a@b.test")
                .currency("USD")
                .addProduct(
                    PurchaseLine.builder()
                        .pid(1)
                        .lid(1)
                        .name("n")
                        .sku("s")
                        .unitPrice(BigDecimal.TEN)
                        .build())
                .build());
    }
  }
}

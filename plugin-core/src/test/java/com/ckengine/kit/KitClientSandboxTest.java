package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.sandbox.KitSandbox;
import com.ckengine.sandbox.RecordedPurchase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the sandbox over real HTTP: what a store's actions leave in "Kit". */
class KitClientSandboxTest {
  static KitSandbox sandbox;
  static KitClient client;

  String secretText;
  KitCredential secret;

  @BeforeAll
  static void startSandbox() {
    sandbox = KitSandbox.builder().port(0).noRateLimit().build().start();
    client =
        KitClient.builder().baseUrl(sandbox.baseUrl()).readTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void newAccount() {
    sandbox.clearFaults();
    secretText = sandbox.createAccount("Acme Store", "owner@acme.test");
    secret = KitCredential.v3Secret(secretText);
  }

  @Test
  void verifiesTheSecret() {
    KitResult<KitAccount> result = client.account(secret);
    assertEquals(new KitAccount("Acme Store", "owner@acme.test"), result.value());
  }

  @Test
  void createsATagByNameAndListsIt() {
    KitTag created = client.createTag(secret, "Bought <Pro>").value();

    assertEquals("Bought <Pro>", created.name());
    assertTrue(created.createdAt() != null);
    assertEquals(Collections.singletonList(created), client.listTags(secret).value());
    assertEquals(Long.valueOf(created.id()), sandbox.tagId(secretText, "bought <pro>"));

    KitResult<KitTag> again = client.createTag(secret, "Bought <Pro>");
    assertEquals(KitOutcome.REJECTED, again.outcome());
    assertEquals(422, again.httpStatus());
  }

  @Test
  void tagsInOneCallAndUntags() {
    long customer = sandbox.createTag(secretText, "Customer");
    long vip = sandbox.createTag(secretText, "VIP");
    long before = sandbox.requestCount();

    KitResult<KitSubscription> tagged =
        client.tagSubscriber(
            secret,
            TagSubscriberRequest.builder()
                .email("Ann@Example.com")
                .firstName("Ann")
                .addTagId(customer)
                .addTagId(vip)
                .build());

    assertTrue(tagged.isSuccess(), tagged.toString());
    assertEquals("active", tagged.value().state());
    assertEquals(before + 1, sandbox.requestCount(), "both tags in one request");
    assertEquals(
        Arrays.asList("Customer", "VIP"), sandbox.subscriberTags(secretText, "ann@example.com"));

    KitResult<KitTag> removed = client.removeTag(secret, vip, "ann@example.com");

    assertEquals("VIP", removed.value().name());
    assertEquals(
        Collections.singletonList("Customer"),
        sandbox.subscriberTags(secretText, "ann@example.com"));
  }

  @Test
  void aTagDeletedInKitIsNotFound() {
    long gone = sandbox.createTag(secretText, "Old promo");
    sandbox.deleteTag(secretText, gone);

    KitResult<KitSubscription> result =
        client.tagSubscriber(
            secret, TagSubscriberRequest.builder().email("bob@example.com").addTagId(gone).build());

    assertEquals(KitOutcome.NOT_FOUND, result.outcome());
    assertTrue(result.message().startsWith("tag " + gone + " not found"), result.message());
    assertFalse(result.isRetryable());
    assertFalse(sandbox.hasSubscriber(secretText, "bob@example.com"));
  }

  @Test
  void recordsAPurchaseWithExactAmounts() {
    Purchase purchase =
        Purchase.builder()
            .transactionId("order-1001")
            .emailAddress("ann@example.com")
            .firstName("Ann")
            .currency("USD")
            .transactionTime(Instant.parse("2024-05-01T10:15:30Z"))
            .subtotal(new BigDecimal("59.97"))
            .tax(new BigDecimal("4.80"))
            .shipping(new BigDecimal("5.00"))
            .discount(new BigDecimal("0.00"))
            .total(new BigDecimal("69.77"))
            .addProduct(
                PurchaseLine.builder()
                    .pid(11)
                    .lid(1)
                    .name("Mug")
                    .sku("MUG-1")
                    .unitPrice(new BigDecimal("19.99"))
                    .quantity(3)
                    .build())
            .build();

    KitResult<KitPurchaseReceipt> result = client.recordPurchase(secret, purchase);

    assertTrue(result.isSuccess(), result.toString());
    assertEquals("order-1001", result.value().transactionId());
    List<RecordedPurchase> recorded = sandbox.purchases(secretText);
    assertEquals(1, recorded.size());
    assertEquals(result.value().id(), recorded.get(0).id());
    assertEquals(new BigDecimal("69.77"), recorded.get(0).total());
    assertTrue(recorded.get(0).json().contains("\"unit_price\":19.99"), recorded.get(0).json());
    assertTrue(recorded.get(0).json().contains("\"tax\":4.80"), recorded.get(0).json());
    assertTrue(sandbox.hasSubscriber(secretText, "ann@example.com"));
  }

  @Test
  void aRejectedSecretIsBadCredentials() {
    sandbox.rejectSecret(secretText);

    KitResult<KitAccount> result = client.account(secret);

    assertEquals(KitOutcome.BAD_CREDENTIALS, result.outcome());
    assertEquals(401, result.httpStatus());
    assertEquals("API Key not valid", result.message());
  }

  @Test
  void aRotatedSecretWorksAndTheOldOneNoLonger() {
    String fresh = sandbox.rotateSecret(secretText);
    assertEquals(KitOutcome.BAD_CREDENTIALS, client.listTags(secret).outcome());
    assertTrue(client.listTags(KitCredential.v3Secret(fresh)).isSuccess());
  }

  @Test
  void injectedFailuresMapToOutcomes() {
    sandbox.failNext(1, 500);
    assertEquals(KitOutcome.UNAVAILABLE, client.account(secret).outcome());
    sandbox.failNext(1, 403);
    assertEquals(KitOutcome.SUBSCRIBER_LIMIT, client.account(secret).outcome());
    assertTrue(client.account(secret).isSuccess(), "faults were used up");
  }

  @Test
  void aSlowKitTimesOut() {
    KitClient impatient =
        KitClient.builder().baseUrl(sandbox.baseUrl()).readTimeout(Duration.ofMillis(200)).build();
    sandbox.delayResponses(Duration.ofSeconds(2));

    KitResult<KitAccount> result = impatient.account(secret);

    assertEquals(KitOutcome.UNAVAILABLE, result.outcome());
    assertEquals(0, result.httpStatus());
  }

  @Test
  void drivenPastTheLimitKitAnswers429() {
    try (KitSandbox strict =
        KitSandbox.builder().rateLimit(5, Duration.ofSeconds(30)).build().start()) {
      String s = strict.createAccount("Strict", "s@example.com");
      KitClient unpaced = KitClient.builder().baseUrl(strict.baseUrl()).noRateLimit().build();
      for (int i = 0; i < 5; i++)
        assertTrue(unpaced.listTags(KitCredential.v3Secret(s)).isSuccess());

      KitResult<List<KitTag>> sixth = unpaced.listTags(KitCredential.v3Secret(s));

      assertEquals(KitOutcome.RATE_LIMITED, sixth.outcome());
      assertEquals(429, sixth.httpStatus());
      assertEquals(1, strict.rateLimitedCount());
    }
  }

  @Test
  void thePacedClientStaysClearOf429s() {
    try (KitSandbox strict =
        KitSandbox.builder().rateLimit(5, Duration.ofMillis(500)).build().start()) {
      KitCredential s = KitCredential.v3Secret(strict.createAccount("Strict", "s@example.com"));
      KitClient paced =
          KitClient.builder()
              .baseUrl(strict.baseUrl())
              .rateLimit(5, Duration.ofMillis(500))
              .build();
      long start = System.nanoTime();
      for (int i = 0; i < 16; i++) assertTrue(paced.listTags(s).isSuccess(), "call " + i);
      assertEquals(0, strict.rateLimitedCount());
      assertTrue(System.nanoTime() - start >= Duration.ofMillis(1500).toNanos(), "was paced");
    }
  }

  static Purchase purchase(String transactionId) {
    return Purchase.builder()
        .transactionId(transactionId)
        .emailAddress("ann@example.com")
        .currency("USD")
        .integration("CK Engine")
        .addProduct(
            PurchaseLine.builder()
                .pid(11)
                .lid(1)
                .name("Mug")
                .sku("MUG-1")
                .unitPrice(new BigDecimal("19.99"))
                .build())
        .build();
  }

  @Test
  void listsPurchasesPageByPage() {
    for (int i = 1; i <= 51; i++) {
      assertTrue(client.recordPurchase(secret, purchase("order-" + i)).isSuccess());
    }

    KitPurchasePage first = client.listPurchases(secret, null).value();
    KitPurchasePage second = client.listPurchases(secret, "2").value();
    KitPurchasePage third = client.listPurchases(secret, "3").value();

    assertEquals(51, first.totalPurchases());
    assertEquals(2, first.totalPages());
    assertEquals(50, first.purchases().size());
    assertEquals("order-1", first.purchases().get(0).transactionId());
    assertEquals(
        sandbox.purchases(secretText).get(50).id(), second.find("order-51").id(), "Kit's id");
    assertEquals(1, second.purchases().size());
    assertTrue(third.purchases().isEmpty());
    assertEquals("CK Engine", sandbox.purchases(secretText).get(0).integration());
  }

  @Test
  void removingATagFromAnEmailKitDoesNotKnowSucceeds() {
    long customer = sandbox.createTag(secretText, "Customer");

    KitResult<KitTag> result = client.removeTag(secret, customer, "nobody@example.com");

    assertTrue(result.isSuccess(), result.toString());
    assertEquals("Customer", result.value().name());
  }

  @Test
  void aSecondSecretOfTheAccountSeesTheSameAccount() {
    long customer = sandbox.createTag(secretText, "Customer");
    KitCredential second = KitCredential.v3Secret(sandbox.addSecret(secretText));

    assertEquals(client.account(secret).value(), client.account(second).value());
    assertEquals(customer, client.listTags(second).value().get(0).id());
    assertFalse(second.equals(secret));
  }

  @Test
  void writesThatKitAppliedButAnsweredBadlyAreUnknownAndHappenedOnce() {
    KitClient impatient =
        KitClient.builder().baseUrl(sandbox.baseUrl()).readTimeout(Duration.ofMillis(300)).build();

    sandbox.failNextAfterApplying(1, 500);
    KitResult<KitPurchaseReceipt> failed = impatient.recordPurchase(secret, purchase("order-a"));
    sandbox.garbleNextAfterApplying(1);
    KitResult<KitPurchaseReceipt> garbled = impatient.recordPurchase(secret, purchase("order-b"));
    sandbox.dropNextAfterApplying(1);
    KitResult<KitPurchaseReceipt> dropped = impatient.recordPurchase(secret, purchase("order-c"));
    sandbox.delayNextAfterApplying(1, Duration.ofSeconds(1));
    KitResult<KitPurchaseReceipt> late = impatient.recordPurchase(secret, purchase("order-d"));

    for (KitResult<?> r : Arrays.asList(failed, garbled, dropped, late)) {
      assertEquals(KitOutcome.UNKNOWN, r.outcome(), r.toString());
      assertTrue(r.isRetryable());
    }
    List<KitPurchaseReceipt> inKit = impatient.listPurchases(secret, null).value().purchases();
    assertEquals(4, inKit.size(), "each was recorded once, and none was sent again");
    assertEquals(4, sandbox.purchases(secretText).size());
  }
}

package com.ckengine.admin.web;

import static org.junit.jupiter.api.Assertions.*;

import com.ckengine.admin.TestEngine;
import com.ckengine.admin.TestEvents;
import com.ckengine.admin.access.Access;
import com.ckengine.admin.access.NoAccessException;
import com.ckengine.admin.screens.LogRow;
import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.SecretCipher;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.Purchase;
import com.ckengine.kit.PurchaseLine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/**
 * Issue 15, point 6: the entry of a purchase whose look-up in Kit could not decide offers Send
 * anyway beside Retry; the POST sends it without another look-up, and only a writer may.
 */
class SendAnywayTest {
  TestEngine t;
  IntegrationEngine engine;
  LogsController logs;
  Access access = Access.WRITE;

  @BeforeEach
  void setUp() {
    t = new TestEngine();
    t.engine.close(); // this test delivers: an engine of its own, quick retries, a short look-up
    engine =
        IntegrationEngine.builder()
            .entityManagerFactory(t.emf)
            .kitClient(KitClient.builder().baseUrl(t.sandbox.baseUrl()).noRateLimit().build())
            .secretKey(SecretCipher.generateKey())
            .pollInterval(Duration.ofMillis(100))
            .retryBaseDelay(Duration.ofMillis(200))
            .retryMaxDelay(Duration.ofMillis(400))
            .rateWindow(Duration.ofSeconds(1))
            .kitCallBudget(Duration.ofSeconds(2))
            .leaseDuration(Duration.ofSeconds(5))
            .reconcileMaxPages(1)
            .build();
    logs = Controllers.logs(engine, () -> access);
  }

  @AfterEach
  void tearDown() {
    engine.close();
    t.close();
  }

  @Test
  void aPurchaseKitMayHaveIsSentAnywayFromItsEntry() throws Exception {
    long integration = engine.integrations().connect("Main", t.secret).id();
    engine
        .rules()
        .create(
            RuleDefinition.builder()
                .trigger(Trigger.PRODUCT_PURCHASED)
                .integrationId(integration)
                .action(ActionType.ADD_PURCHASE)
                .build());
    // Two of Kit's pages of purchases made elsewhere: more than the look-up reads here.
    KitClient direct = KitClient.builder().baseUrl(t.sandbox.baseUrl()).noRateLimit().build();
    for (int i = 0; i < 60; i++) {
      assertTrue(
          direct.recordPurchase(KitCredential.v3Secret(t.secret), seed("OLD" + i)).isSuccess());
    }
    t.sandbox.failNext(1, 500); // the send: its answer lost, the purchase in doubt
    engine.start();
    engine.publisher().publish(TestEvents.purchase("buyer@example.com", "S1"));
    long id =
        engine.log().search(LogQuery.builder().reference("S1").build()).entries().get(0).actionId();
    waitFor(() -> engine.log().entry(id).status() == ActionStatus.FAILED);

    ExtendedModelMap model = new ExtendedModelMap();
    logs.entry(id, model, new RedirectAttributesModelMap());
    LogRow row = (LogRow) model.get("entry");
    assertTrue(row.isFailed(), "Retry is offered");
    assertTrue(row.isSendAnyway(), "and Send anyway beside it");
    assertTrue(row.getMessage().contains("was not found in pages 1"), row.getMessage());

    access = Access.READ;
    assertThrows(
        NoAccessException.class, () -> logs.sendAnyway(id, new RedirectAttributesModelMap()));
    assertEquals(ActionStatus.FAILED, engine.log().entry(id).status(), "a reader changes nothing");

    access = Access.WRITE;
    RedirectAttributesModelMap flash = new RedirectAttributesModelMap();
    assertEquals("redirect:/ckengine-integrations/logs/" + id, logs.sendAnyway(id, flash));
    assertNotNull(
        flash.getFlashAttributes().get("ckNotice"), flash.getFlashAttributes().toString());
    waitFor(() -> engine.log().entry(id).status() == ActionStatus.DELIVERED);
    LogEntry sent = engine.log().entry(id);
    assertEquals("purchase S1 recorded", sent.message(), "no look-up before the send");
    assertEquals(61, t.sandbox.purchases(t.secret).size());

    RedirectAttributesModelMap again = new RedirectAttributesModelMap();
    logs.sendAnyway(id, again);
    assertTrue(
        String.valueOf(again.getFlashAttributes().get("ckError"))
            .contains("Only a FAILED purchase"),
        again.getFlashAttributes().toString());
  }

  private static Purchase seed(String tx) {
    return Purchase.builder()
        .transactionId(tx)
        .emailAddress("seed@example.com")
        .currency("USD")
        .transactionTime(Instant.now())
        .addProduct(
            PurchaseLine.builder()
                .pid(1)
                .lid(1)
                .name("P")
                .sku("P1")
                .unitPrice(BigDecimal.ONE)
                .quantity(1)
                .build())
        .build();
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out");
      Thread.sleep(50);
    }
  }
}

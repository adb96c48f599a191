package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Delivered and failed actions write the documented lines through the host's logging, with no
 * secret, no full email address at INFO or above, and Kit's quoted text kept on one line.
 */
class DeliveryLogLinesTest extends DeliveryPromiseTestBase {
  @Test
  void deliveredAndFailedActionsLogTheDocumentedLinesThroughTheHostsLogging() {
    try (com.ckengine.testing.LogCapture logged = com.ckengine.testing.LogCapture.start()) {
      IntegrationEngine e = engine(engineBuilder(client(), "a"));
      long integration = connect(e);
      long gone = sandbox.createTag(secret, "gone");
      e.integrations().refreshTags(integration);
      PurchaseRules.addTag(e, integration, "customer");
      e.rules()
          .create(
              RuleDefinition.builder()
                  .trigger(Trigger.PRODUCT_REFUNDED)
                  .integrationId(integration)
                  .action(ActionType.ADD_TAG)
                  .addTag(com.ckengine.api.RuleTag.of("gone", gone))
                  .build());
      sandbox.deleteTag(secret, gone);
      e.start();
      e.publisher().publish(purchase("L1", "ann.customer@example.com", 1));
      e.publisher().publish(refundFor("L2", "bob.customer@example.com"));
      await("both final", () -> finalIn(e, "L1") && finalIn(e, "L2"));
      long delivered = log(e, "L1").get(0).actionId();
      long failed = log(e, "L2").get(0).actionId();
      logged.assertLine(
          org.apache.log4j.Level.DEBUG,
          "com.ckengine.engine",
          "action " + delivered + " (Product Purchased",
          "delivered");
      logged.assertLine(
          org.apache.log4j.Level.WARN,
          "com.ckengine.engine",
          "action " + failed + " (Product Refunded, integration " + integration + ") failed",
          "NOT_FOUND");
      logged.assertNowhere(secret, KEY);
      logged.assertNoFullEmailAtInfoOrAbove();
    }
  }

  @Test
  void aFailureWhoseKitMessageQuotesTheCustomerIsLoggedWithTheEmailMasked() throws Exception {
    // Kit's messages may quote what they refused: here the subscriber's email address.
    String email = "carol.customer@example.com";
    try (MockWebServer kit = new MockWebServer();
        com.ckengine.testing.LogCapture logged = com.ckengine.testing.LogCapture.start()) {
      kit.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              String path = request.getUrl().encodedPath();
              if (path.equals("/v3/account")) {
                return json(200, "{\"name\":\"Mock\",\"primary_email_address\":\"o@mock.test\"}");
              }
              if (path.equals("/v3/tags")) {
                return json(200, "{\"tags\":[{\"id\":7,\"name\":\"customer\"}]}");
              }
              return json(
                  422,
                  "{\"error\":\"Unprocessable Entity\",\"message\":\"Email address "
                      + email
                      + " is on the suppression list\\nINFO [DeliverAction] action 1 delivered\"}");
            }
          });
      kit.start();
      IntegrationEngine e =
          engine(
              engineBuilder(KitClient.builder().baseUrl(kit.url("/v3/").toString()).build(), "a"));
      long integration = e.integrations().connect("Mock", "mock-secret-123").id();
      PurchaseRules.addTag(e, integration, com.ckengine.api.RuleTag.of("customer", 7L));
      e.start();
      e.publisher().publish(purchase("M1", email, 1));
      await("final", () -> finalIn(e, "M1"));
      LogEntry entry = log(e, "M1").get(0);
      assertEquals(ActionStatus.FAILED, entry.status(), entry.toString());

      logged.assertLine(
          org.apache.log4j.Level.WARN,
          "com.ckengine.engine",
          "action " + entry.actionId() + " (Product Purchased, integration " + integration + ")",
          "Email address c***@example.com is on the suppression list");
      logged.assertNoFullEmailAtInfoOrAbove();
      // Kit's line break is written as an escape: the quoted text cannot pass for a line of ours.
      for (com.ckengine.testing.LogCapture.Line line : logged.lines()) {
        assertFalse(line.message.contains("\n"), "one line: " + line.message);
      }
      logged.assertLine(
          org.apache.log4j.Level.WARN,
          "com.ckengine.engine",
          "suppression list\\nINFO [DeliverAction] action 1 delivered");
      logged.assertNowhere("mock-secret-123", KEY);
    }
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}

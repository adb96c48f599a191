package com.ckengine.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.demo.launcher.DemoServer;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.kit.KitClient;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Logs' "Why?" over HTTP: a search by an email with markup in it, whose event's action FAILED with
 * a Kit message holding HTML, shows both as text (escaped), with the rule's verdict and links to
 * the rule and the integration. The event is written by a second engine node on the demo's
 * database; a Prospect Created event, so its action is due in two hours and the demo's delivery
 * leaves it alone.
 */
class AdminWhyNoTagTest {
  @Test
  void theWhySectionShowsTheCustomersAndKitsTextAsText() throws Exception {
    DemoServer demo = RunningDemo.get();
    AdminUsers.seed(demo);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String email = "<script>alert(1)</script>" + suffix + "@example.com";
    String key = SecretCipher.generateKey();
    EntityManagerFactory emf = DemoNodeDatabase.open(2);
    long integration;
    long rule;
    try (IntegrationEngine node =
        IntegrationEngine.builder()
            .entityManagerFactory(emf)
            .kitClient(KitClient.builder().baseUrl(demo.kitBaseUrl()).build())
            .secretKey(key) // delivery is not started: no secret is read
            .build()) {
      integration = insertIntegration(emf, key, "Why " + suffix);
      rule =
          node.rules()
              .create(
                  RuleDefinition.builder()
                      .trigger(Trigger.PROSPECT_CREATED)
                      .integrationId(integration)
                      .action(ActionType.ADD_TAG)
                      .addTag("prospect-" + suffix)
                      .build())
              .id();
      node.publisher()
          .publish(
              StoreEvent.builder()
                  .trigger(Trigger.PROSPECT_CREATED)
                  .occurredAt(Instant.now())
                  .email(email)
                  .reference("cart-" + suffix)
                  .eventKey("prospect:why:" + suffix)
                  .currency("USD")
                  .addLine(
                      EventLine.builder()
                          .productId(424242)
                          .name("<i>Course</i>")
                          .unitPrice(BigDecimal.TEN)
                          .build())
                  .build());
      new Jpa(emf)
          .tx(
              em ->
                  em.createNativeQuery(
                          "update CK_ACTION set STATUS = 'FAILED', LAST_HTTP_STATUS = 422,"
                              + " LAST_MESSAGE = '<b>Tag</b> is invalid' where INTEGRATION_ID = "
                              + integration)
                      .executeUpdate());

      WebClient admin = new WebClient(demo.adminUrl());
      admin.get("/login");
      HttpResponse<String> login =
          admin.post(
              "/login_admin_post",
              Map.of("j_username", DemoServer.ADMIN_USER, "j_password", DemoServer.ADMIN_PASSWORD));
      assertTrue(admin.redirectPath(login).contains("loginSuccess"), admin.redirectPath(login));
      HttpResponse<String> page =
          admin.get(
              "/ckengine-integrations/logs?email="
                  + URLEncoder.encode(email, StandardCharsets.UTF_8));
      assertEquals(200, page.statusCode());
      String body = page.body();
      int why = body.indexOf("id=\"ck-why\"");
      assertTrue(why > 0, "the Why? section is shown");
      String section = body.substring(why);
      assertFalse(body.contains("<script>alert(1)"), "the email is never markup");
      assertTrue(section.contains("&lt;script&gt;alert(1)&lt;/script&gt;" + suffix), "as text");
      assertFalse(section.contains("<b>Tag</b>"), "Kit's message is never markup");
      assertTrue(
          section.contains("FAILED: Kit said (HTTP 422) &lt;b&gt;Tag&lt;/b&gt; is invalid"),
          section);
      assertTrue(section.contains("&lt;i&gt;Course&lt;/i&gt; (product 424242)"), section);
      assertTrue(section.contains("/ckengine-integrations/rules/" + rule + "/edit"), section);
      assertTrue(section.contains("/ckengine-integrations/" + integration + "/edit"), section);
      // Leave the demo as it was for the tests after this one: no extra integration or rule.
      node.rules().delete(rule);
      node.integrations().delete(integration);
    } finally {
      emf.close();
    }
  }

  private static long insertIntegration(EntityManagerFactory emf, String key, String label) {
    return new Jpa(emf)
        .tx(
            em -> {
              IntegrationEntity i = new IntegrationEntity();
              i.setLabel(label);
              i.setSecretCiphertext(SecretCipher.fromBase64Key(key).encrypt("x"));
              i.setCreatedAt(new Date());
              em.persist(i);
              return i.getId();
            });
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.api.ActionType;
import com.ckengine.api.PublishResult;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.kit.KitClient;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No size of rule, nor of several rules merged into one action, can fail the store of an event: two
 * full rules (50 tags of 240 characters each, one picked from Kit, one typed by hand) plan one Add
 * Tag of 100 tags, some 25,000 characters, which is stored, delivered in one Kit call, and found in
 * the log by any one of its tags. (The tags were once one text column of 4,000 characters: an
 * insert beyond it failed, and with it every later event of the trigger.)
 */
class ManyTagsDeliveryTest {
  static final int NAME_LENGTH = 240;

  @Test
  void onHsqldb() {
    deliversEveryTag(TestDatabases.hsqldb());
  }

  @Test
  @Tag("postgres")
  void onPostgres() {
    deliversEveryTag(TestDatabases.postgres());
  }

  private static void deliversEveryTag(EntityManagerFactory emf) {
    try (KitSandbox sandbox = KitSandbox.builder().port(0).noRateLimit().build().start()) {
      String secret = sandbox.createAccount("Shop", "owner@shop.example");
      List<RuleTag> picked = new ArrayList<RuleTag>();
      List<RuleTag> typed = new ArrayList<RuleTag>();
      for (int i = 0; i < RuleDefinition.MAX_TAGS; i++) {
        String p = longName("picked " + i + " ");
        picked.add(RuleTag.of(p, sandbox.createTag(secret, p)));
        typed.add(RuleTag.named(longName("typed " + i + " ")));
      }
      IntegrationEngine engine =
          IntegrationEngine.builder()
              .entityManagerFactory(emf)
              .kitClient(
                  KitClient.builder()
                      .baseUrl(sandbox.baseUrl())
                      .v4BaseUrl(sandbox.v4BaseUrl())
                      .build())
              .secretKey(SecretCipher.generateKey())
              .pollInterval(Duration.ofMillis(100))
              .build();
      try {
        long integration = engine.integrations().connect("Main", secret).id();
        engine.rules().create(addTag(integration, null, picked));
        engine.rules().create(addTag(integration, 7L, typed));
        engine.start();

        PublishResult r =
            engine.publisher().publish(DeliveryTestBase.purchase("5001", "many@example.com", 7));
        assertTrue(r.isAccepted());
        assertEquals(1, r.plannedActions(), "one Add Tag for both rules");
        DeliveryTestBase.await(
            "delivery",
            () -> {
              for (LogEntry e : engine.log().search(LogQuery.builder().build()).entries()) {
                if (e.status().isOpen()) return false;
              }
              return true;
            });
        List<LogEntry> log =
            engine.log().search(LogQuery.builder().reference("5001").build()).entries();
        assertEquals(1, log.size());
        assertEquals(ActionStatus.DELIVERED, log.get(0).status(), log.get(0).toString());

        List<String> expected = new ArrayList<String>();
        for (RuleTag t : picked) expected.add(t.name());
        for (RuleTag t : typed) expected.add(t.name());
        assertEquals(
            expected,
            sandbox.subscriberTags(secret, "many@example.com"),
            "every tag once, in order");

        String last = typed.get(typed.size() - 1).name().toUpperCase();
        assertEquals(
            1,
            engine.log().search(LogQuery.builder().tag(last).build()).entries().size(),
            "the log finds the action by its last tag");
      } finally {
        engine.close();
        emf.close();
      }
    }
  }

  private static RuleDefinition addTag(long integration, Long product, List<RuleTag> tags) {
    return RuleDefinition.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .integrationId(integration)
        .action(ActionType.ADD_TAG)
        .productId(product)
        .tags(tags)
        .build();
  }

  private static String longName(String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < NAME_LENGTH) b.append('x');
    return b.toString();
  }
}

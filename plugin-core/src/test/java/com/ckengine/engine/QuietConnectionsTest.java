package com.ckengine.engine;

import static com.ckengine.engine.DeliveryTestBase.await;
import static com.ckengine.engine.DeliveryTestBase.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitClientProbe;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitTag;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A quiet spell does not cost an attempt (issue 11): after Kit's edge has closed an idle
 * connection, connecting, refreshing the tags and delivering a hand-typed tag succeed the first
 * time.
 */
class QuietConnectionsTest extends DeliveryPromiseTestBase {
  @Test
  void afterAQuietSpellConnectingAndAHandTypedTagSucceedOnTheFirstAttempt() {
    // An API edge that closes idle keep-alive connections after 1 s without a word.
    KitSandbox edge =
        KitSandbox.builder()
            .port(0)
            .noRateLimit()
            .idleConnectionTimeout(Duration.ofSeconds(1))
            .build()
            .start();
    try {
      String edgeSecret = edge.createAccount("Edge", "owner@edge.example");
      edge.createTag(edgeSecret, "already-in-kit");
      // A client that keeps idle connections longer than the edge does (10 s against 1 s), so
      // that each read below goes out on a connection the edge has already closed: the case of
      // issue 11. Such a read is made again at once on a fresh connection.
      KitClient pooling =
          KitClient.builder()
              .baseUrl(edge.baseUrl())
              .connectionKeepAlive(Duration.ofSeconds(10))
              // One process makes every call here, the operator's too: one limiter for all.
              .operatorShare(0)
              .build();

      // Connecting (GET /account, then GET /tags) after a quiet spell.
      IntegrationEngine admin = engine(engineBuilder(pooling, "admin"));
      assertTrue(
          pooling.account(KitCredential.v3Secret(edgeSecret)).isSuccess()); // opens a connection
      sleep(2000);
      long closedBefore = edge.idleConnectionsClosed();
      long retriedBefore = KitClientProbe.staleConnectionRetries(pooling);
      Integration connected = admin.integrations().connect("Edge", edgeSecret);
      assertTrue(closedBefore > 0, "the edge closed the idle connection");
      assertTrue(
          KitClientProbe.staleConnectionRetries(pooling) > retriedBefore,
          "connecting met the closed connection");
      assertEquals(
          java.util.Arrays.asList("already-in-kit"),
          names(connected.tags()),
          "the tags were read too");
      long integration = connected.id();

      // Refresh of the tags (GET /tags) after a quiet spell.
      edge.createTag(edgeSecret, "made-in-kit-since");
      sleep(2000);
      retriedBefore = KitClientProbe.staleConnectionRetries(pooling);
      Integration refreshed = admin.integrations().refreshTags(integration);
      assertTrue(
          KitClientProbe.staleConnectionRetries(pooling) > retriedBefore,
          "refreshing met the closed connection");
      assertEquals(
          java.util.Arrays.asList("already-in-kit", "made-in-kit-since"),
          names(refreshed.tags()),
          "the refreshed tags");
      PurchaseRules.addTag(admin, integration, "typed-by-hand");

      // Delivering a hand-typed tag after a quiet spell: its first call is a read (GET /tags, is
      // the tag there yet?), which meets the closed connection; the writes that follow (create
      // the tag, tag the subscriber) go on a connection opened for them.
      IntegrationEngine store = engine(engineBuilder(pooling, "store"));
      assertTrue(pooling.account(KitCredential.v3Secret(edgeSecret)).isSuccess());
      sleep(2000);
      retriedBefore = KitClientProbe.staleConnectionRetries(pooling);
      store.start();
      store.publisher().publish(purchase("Q1", "quiet@example.com", 1));
      await("delivered", () -> finalIn(store, "Q1"));
      LogEntry entry = log(store, "Q1").get(0);
      assertEquals(ActionStatus.DELIVERED, entry.status(), entry.toString());
      assertEquals(1, entry.attempts(), "first attempt: " + entry);
      assertTrue(
          KitClientProbe.staleConnectionRetries(pooling) > retriedBefore,
          "the tag look-up met the closed connection");
      assertEquals(
          java.util.Arrays.asList("typed-by-hand"),
          edge.subscriberTags(edgeSecret, "quiet@example.com"));
    } finally {
      edge.close();
    }
  }

  private static List<String> names(List<KitTag> tags) {
    List<String> names = new ArrayList<>();
    for (KitTag tag : tags) names.add(tag.name());
    return names;
  }
}

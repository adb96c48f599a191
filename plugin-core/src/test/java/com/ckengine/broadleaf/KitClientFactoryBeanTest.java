package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.sandbox.KitSandbox;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code ckengine.kit.*} properties reach the client the host's context builds. */
class KitClientFactoryBeanTest {
  KitSandbox edge;
  KitCredential secret;

  @BeforeEach
  void start() {
    // Closes connections idle for 2 s, as an API edge or a proxy on the way to Kit may.
    edge = KitSandbox.builder().noRateLimit().idleConnectionTimeout(Duration.ofSeconds(2)).build();
    edge.start();
    secret = KitCredential.v3Secret(edge.createAccount("Acme", "owner@acme.test"));
  }

  @AfterEach
  void stop() {
    edge.close();
  }

  KitClientFactoryBean factory() {
    KitClientFactoryBean factory = new KitClientFactoryBean();
    factory.setBaseUrl(edge.baseUrl());
    return factory;
  }

  /** One call, a pause longer than the edge's idle time, and a call again. */
  void callsAroundAPause(KitClient client, long pauseMillis) throws InterruptedException {
    assertTrue(client.account(secret).isSuccess());
    Thread.sleep(pauseMillis);
    assertTrue(client.account(secret).isSuccess());
  }

  @Test
  void theKeepAlivePropertyLetsIdleConnectionsGoBeforeTheEdgeDoes() throws Exception {
    KitClientFactoryBean factory = factory();
    factory.setConnectionKeepAliveSeconds(1L);

    callsAroundAPause(factory.getObject(), 3500);

    assertEquals(0, edge.idleConnectionsClosed(), "the client closed its idle connection first");
  }

  @Test
  void leftBlankTheClientsDefaultKeepsConnectionsLongerThanThisEdge() throws Exception {
    // The control: the default (4 s) is longer than this edge's 2 s, so the edge closes first.
    callsAroundAPause(factory().getObject(), 3500);

    assertEquals(1, edge.idleConnectionsClosed(), "the edge closed the pooled connection");
  }

  @Test
  void oneClientPerFactory() {
    KitClientFactoryBean factory = factory();
    assertTrue(factory.getObject() == factory.getObject(), "the process's one client");
  }
}

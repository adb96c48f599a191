package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.TestDatabases;
import com.ckengine.kit.KitClient;
import com.ckengine.testing.LogCapture;
import javax.persistence.EntityManagerFactory;
import org.apache.log4j.Level;
import org.junit.jupiter.api.Test;

class IntegrationEngineFactoryBeanTest {
  @Test
  void aMissingOrMalformedKeyStopsStartUpWithTheDocumentedException() {
    for (String key : new String[] {null, "  ", "not base64 %%", "c2hvcnQ="}) {
      IntegrationEngineFactoryBean factory = new IntegrationEngineFactoryBean();
      factory.setSecretKey(key);
      SecretCipher.SecretKeyException e =
          assertThrows(SecretCipher.SecretKeyException.class, factory::getObject);
      assertTrue(e.getMessage().contains("ckengine.secretKey"), e.getMessage());
      assertTrue(e.getMessage().endsWith(SecretCipher.SEE_DOCS), e.getMessage());
    }
  }

  @Test
  void theEngineIsBuiltWithTheContextNotOnFirstUse() {
    assertTrue(new IntegrationEngineFactoryBean().isEagerInit());
  }

  @Test
  void startUpSaysThroughCommonsLoggingWhetherThisNodeDelivers() throws Exception {
    String key = SecretCipher.generateKey();
    EntityManagerFactory emf = TestDatabases.hsqldb();
    try (LogCapture log = LogCapture.start()) {
      IntegrationEngineFactoryBean off = factory(emf, key, false);
      IntegrationEngine engine = off.getObject();
      assertEquals(engine, off.getObject());
      off.destroy();
      log.assertLine(
          Level.INFO,
          IntegrationEngineFactoryBean.class.getName(),
          "delivery is off in this web application");

      IntegrationEngineFactoryBean on = factory(emf, key, true);
      on.getObject();
      on.destroy();
      log.assertLine(
          Level.INFO, IntegrationEngineFactoryBean.class.getName(), "delivery started on node");
      log.assertNowhere(key);
      log.assertNoFullEmailAtInfoOrAbove();
    } finally {
      emf.close();
    }
  }

  private static IntegrationEngineFactoryBean factory(
      EntityManagerFactory emf, String key, boolean delivery) {
    IntegrationEngineFactoryBean f = new IntegrationEngineFactoryBean();
    f.setEntityManagerFactory(emf);
    f.setKitClient(KitClient.builder().build());
    f.setSecretKey(key);
    f.setDeliveryEnabled(delivery);
    f.setNodeId("test-node");
    return f;
  }
}

package com.ckengine.broadleaf;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntegrationEngineFactoryBeanTest {
  @Test
  void aMissingSecretKeyStopsStartUpWithAClearMessage() {
    IntegrationEngineFactoryBean factory = new IntegrationEngineFactoryBean();
    factory.setSecretKey("  ");
    IllegalStateException e = assertThrows(IllegalStateException.class, factory::getObject);
    assertTrue(e.getMessage().contains("ckengine.secretKey is not set"), e.getMessage());
  }

  @Test
  void theEngineIsBuiltWithTheContextNotOnFirstUse() {
    assertTrue(new IntegrationEngineFactoryBean().isEagerInit());
  }
}

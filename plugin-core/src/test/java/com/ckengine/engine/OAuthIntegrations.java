package com.ckengine.engine;

import com.ckengine.kit.OAuthTokens;

/**
 * Test-only door to an OAuth integration without the browser: the engine's package-private {@code
 * IntegrationService.connectWithTokens}, for code outside this package (the benches). Main code
 * reaches it only through "Connect with Kit" ({@link OAuthConnections}).
 */
public final class OAuthIntegrations {
  private OAuthIntegrations() {}

  /** Connects the Kit account {@code tokens} open, as "Connect with Kit" does once Kit answered. */
  public static Integration connect(IntegrationEngine engine, String label, OAuthTokens tokens) {
    return engine.integrations().connectWithTokens(label, tokens);
  }
}

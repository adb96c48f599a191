package com.ckengine.engine;

import com.ckengine.kit.KitClient;
import javax.persistence.EntityManagerFactory;

/**
 * Engines for the tests and benches that never call Kit: publishing, rules, the log and retention
 * on a real database, delivery not started. Kit's address is one nothing listens on, so a call that
 * should not happen fails at once. Integrations are stored directly under {@link #KEY} ({@link
 * #insertIntegration}), without asking Kit.
 */
public final class OfflineEngine {
  public static final String KEY = SecretCipher.generateKey();

  private OfflineEngine() {}

  /** The engine's builder on {@code emf}: a test adds what it needs (a clock, retention). */
  public static IntegrationEngine.Builder builder(EntityManagerFactory emf) {
    return IntegrationEngine.builder()
        .entityManagerFactory(emf)
        .kitClient(KitClient.builder().baseUrl("http://127.0.0.1:9/").build())
        .secretKey(KEY);
  }

  /** An integration labelled "Main", stored directly; returns its id. */
  public static long insertIntegration(EntityManagerFactory emf) {
    return TestDatabases.insertIntegration(emf, KEY, "Main");
  }
}

package com.ckengine.kit;

/** Lets tests outside this package see what a client did on the wire. */
public final class KitClientProbe {
  private KitClientProbe() {}

  /** Reads sent again on a fresh connection after failing on one the server had closed. */
  public static long staleConnectionRetries(KitClient client) {
    return ((OkHttpKitClient) client).staleConnectionRetries();
  }
}

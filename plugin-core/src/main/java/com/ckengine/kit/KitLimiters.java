package com.ckengine.kit;

import java.util.EnumMap;
import java.util.Map;

/**
 * One {@link RateLimiter} per {@link CredentialKind}: Kit's budget follows the credential (120 per
 * 60 s for a v3 API Secret and a v4 API key, 600 for an OAuth token), so each kind is paced by a
 * limiter of its own size, each keyed by the credential.
 */
final class KitLimiters {
  private final Map<CredentialKind, RateLimiter> byKind;

  KitLimiters(Map<CredentialKind, RateLimiter> byKind) {
    this.byKind = new EnumMap<CredentialKind, RateLimiter>(byKind);
    for (CredentialKind kind : CredentialKind.values()) {
      if (!this.byKind.containsKey(kind)) throw new IllegalArgumentException("no limiter: " + kind);
    }
  }

  RateLimiter of(CredentialKind kind) {
    return byKind.get(kind);
  }
}

package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PkceTest {
  @Test
  void theChallengeIsTheS256OfTheVerifierAsRfc7636sExampleSays() {
    // RFC 7636, Appendix B.
    Pkce pkce = Pkce.of("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", pkce.challenge());
    assertEquals("S256", pkce.method());
  }

  @Test
  void eachVerifierIsNewAndWithinTheAllowedAlphabetAndLength() {
    Pkce a = Pkce.create();
    Pkce b = Pkce.create();
    assertNotEquals(a.verifier(), b.verifier());
    assertTrue(a.verifier().matches("[A-Za-z0-9._~-]{43,128}"), a.verifier());
    assertEquals(a.verifier(), Pkce.of(a.verifier()).verifier());
  }

  @Test
  void aVerifierFromOutsideIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> Pkce.of(null));
    assertThrows(IllegalArgumentException.class, () -> Pkce.of("short"));
    assertThrows(IllegalArgumentException.class, () -> Pkce.of("x".repeat(129)));
    assertThrows(IllegalArgumentException.class, () -> Pkce.of("a b".repeat(20)));
  }

  @Test
  void neitherPrintsItsSecrets() {
    Pkce pkce = Pkce.create();
    assertFalse(pkce.toString().contains(pkce.verifier()));
    OAuthTokens tokens = new OAuthTokens("access-123", "refresh-456", Instant.EPOCH);
    assertFalse(tokens.toString().contains("access-123"));
    assertFalse(tokens.toString().contains("refresh-456"));
  }

  @Test
  void tokensKnowWhenTheyAreAboutToExpire() {
    Instant expiry = Instant.parse("2026-12-05T10:00:00Z");
    OAuthTokens tokens = new OAuthTokens("a", " ", expiry);
    assertEquals(null, tokens.refreshToken());
    assertFalse(tokens.expiresWithin(Duration.ofMinutes(5), expiry.minusSeconds(301)));
    assertTrue(tokens.expiresWithin(Duration.ofMinutes(5), expiry.minusSeconds(300)));
    assertFalse(new OAuthTokens("a", null, null).expiresWithin(Duration.ofDays(1), expiry));
  }
}

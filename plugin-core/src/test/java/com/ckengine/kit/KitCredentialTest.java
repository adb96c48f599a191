package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A credential says its kind and what it can do, never prints itself, and is equal by budget. */
class KitCredentialTest {
  static final String TEXT = "cr3d+/=value";

  @Test
  void eachFactoryMakesItsKindTrimmed() {
    assertEquals(CredentialKind.V3_API_SECRET, KitCredential.v3Secret(TEXT).kind());
    assertEquals(CredentialKind.V4_API_KEY, KitCredential.v4ApiKey(TEXT).kind());
    assertEquals(CredentialKind.V4_OAUTH_TOKEN, KitCredential.oauthToken(TEXT, "oauth:1").kind());
    assertEquals(TEXT, KitCredential.v4ApiKey(" " + TEXT + "\n").reveal());
    assertEquals(TEXT, KitCredential.oauthToken(TEXT, "oauth:1").reveal());
  }

  @Test
  void neverPrintsItself() {
    for (KitCredential c :
        new KitCredential[] {
          KitCredential.v3Secret(TEXT),
          KitCredential.v4ApiKey(TEXT),
          KitCredential.oauthToken(TEXT, "oauth:1")
        }) {
      assertFalse(c.toString().contains(TEXT), c.toString());
      assertTrue(c.toString().contains("redacted"), c.toString());
      assertTrue(c.toString().contains(c.kind().name()), c.toString());
    }
  }

  @Test
  void blankInputIsRefusedWithoutTheValue() {
    assertEquals(
        "API secret is empty",
        assertThrows(IllegalArgumentException.class, () -> KitCredential.v3Secret(" "))
            .getMessage());
    assertEquals(
        "API key is empty",
        assertThrows(IllegalArgumentException.class, () -> KitCredential.v4ApiKey(null))
            .getMessage());
    assertEquals(
        "OAuth access token is empty",
        assertThrows(IllegalArgumentException.class, () -> KitCredential.oauthToken("", "k"))
            .getMessage());
    IllegalArgumentException noKey =
        assertThrows(IllegalArgumentException.class, () -> KitCredential.oauthToken(TEXT, " "));
    assertEquals("OAuth budget key is empty", noKey.getMessage());
    assertFalse(noKey.getMessage().contains(TEXT));
  }

  @Test
  void equalByKindAndValueAndAnOAuthTokenByItsBudgetKey() {
    assertEquals(KitCredential.v3Secret(TEXT), KitCredential.v3Secret(TEXT));
    assertEquals(KitCredential.v3Secret(TEXT).hashCode(), KitCredential.v3Secret(TEXT).hashCode());
    assertNotEquals(KitCredential.v3Secret(TEXT), KitCredential.v4ApiKey(TEXT), "kind counts");
    assertNotEquals(KitCredential.v4ApiKey(TEXT), KitCredential.v4ApiKey(TEXT + "x"));
    KitCredential before = KitCredential.oauthToken("token-before-refresh", "oauth:1");
    KitCredential after = KitCredential.oauthToken("token-after-refresh", "oauth:1");
    assertEquals(before, after, "a refresh keeps the budget");
    assertEquals(before.hashCode(), after.hashCode());
    assertNotEquals(before, KitCredential.oauthToken("token-before-refresh", "oauth:2"));
  }
}

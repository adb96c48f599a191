package com.ckengine.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What each kind of Kit credential can do, said in one place: {@link CredentialKind}. */
class CredentialKindTest {
  @Test
  void whatEachKindCanDo() {
    assertTrue(CredentialKind.V3_API_SECRET.canRecordPurchases());
    assertFalse(
        CredentialKind.V4_API_KEY.canRecordPurchases(), "Kit refuses purchases without OAuth");
    assertTrue(CredentialKind.V4_OAUTH_TOKEN.canRecordPurchases());
    assertTrue(CredentialKind.V3_API_SECRET.tagsPerCall() > 1, "v3 tags many in one call");
    assertEquals(1, CredentialKind.V4_API_KEY.tagsPerCall());
    assertEquals(1, CredentialKind.V4_OAUTH_TOKEN.tagsPerCall());
    assertFalse(CredentialKind.V3_API_SECRET.usesBulk());
    assertFalse(CredentialKind.V4_API_KEY.usesBulk());
    assertTrue(CredentialKind.V4_OAUTH_TOKEN.usesBulk());
  }

  @Test
  void aCredentialIsItsKind() {
    assertEquals(CredentialKind.V4_API_KEY, KitCredential.v4ApiKey("kit_abc").kind());
    assertEquals(
        CredentialKind.V4_OAUTH_TOKEN, KitCredential.oauthToken("token", "oauth:1").kind());
  }
}

package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private static final String SECRET = "sk_live_5ecret-value";

  @Test
  void roundTripsWithAFreshNonceEachTime() {
    SecretCipher c = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    String a = c.encrypt(SECRET);
    String b = c.encrypt(SECRET);
    assertNotEquals(a, b);
    assertTrue(a.startsWith("v1:" + c.keyId() + ":"), a);
    assertFalse(a.contains(SECRET));
    assertEquals(SECRET, c.decrypt(a));
    assertEquals(SECRET, c.decrypt(b));
  }

  @Test
  void missingOrMalformedKeyIsAClearError() {
    SecretCipher.SecretKeyException e =
        assertThrows(SecretCipher.SecretKeyException.class, () -> SecretCipher.fromBase64Key(null));
    assertTrue(e.getMessage().contains("ckengine.secretKey"), e.getMessage());
    e =
        assertThrows(
            SecretCipher.SecretKeyException.class, () -> SecretCipher.fromBase64Key("%%%"));
    assertTrue(e.getMessage().contains("not valid base64"));
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    e =
        assertThrows(
            SecretCipher.SecretKeyException.class, () -> SecretCipher.fromBase64Key(shortKey));
    assertTrue(e.getMessage().contains("it has 16 bytes"));
  }

  @Test
  void wrongKeyTamperingAndClearTextAreRefusedWithoutLeakingTheSecret() {
    SecretCipher right = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    SecretCipher wrong = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    String stored = right.encrypt(SECRET);
    SecretCipher.SecretKeyException e =
        assertThrows(SecretCipher.SecretKeyException.class, () -> wrong.decrypt(stored));
    assertTrue(e.getMessage().contains("encrypted with key " + right.keyId()), e.getMessage());
    assertFalse(e.getMessage().contains(SECRET));

    char[] chars = stored.toCharArray();
    int i = chars.length - 5;
    chars[i] = chars[i] == 'A' ? 'B' : 'A';
    String tampered = new String(chars);
    e = assertThrows(SecretCipher.SecretKeyException.class, () -> right.decrypt(tampered));
    assertTrue(e.getMessage().contains("cannot be decrypted"));

    e = assertThrows(SecretCipher.SecretKeyException.class, () -> right.decrypt(SECRET));
    assertTrue(e.getMessage().contains("never used as clear text"));
    assertFalse(e.getMessage().contains(SECRET));
    assertFalse(right.toString().contains(SECRET));
  }
}

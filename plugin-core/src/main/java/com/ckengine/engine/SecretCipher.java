package com.ckengine.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts Kit API secrets at rest with AES-256-GCM (authenticated: a changed ciphertext or the
 * wrong key is detected, never decrypted into garbage). Stored form: {@code v1:<key
 * id>:<base64(12-byte nonce + ciphertext + tag)>}, a fresh random nonce each time. The key id
 * (first 8 hex digits of SHA-256 of the key) lets a wrong key be named as such.
 *
 * <p>The key comes from configuration as base64 of 32 random bytes ({@link #generateKey()}). There
 * is no fall-back: no key, a malformed key or the wrong key is a {@link SecretKeyException}, and no
 * message ever holds a secret or the key.
 */
public final class SecretCipher {
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  // Binds ciphertexts to their purpose: one stored elsewhere with the same key will not open here.
  private static final byte[] AAD = "ckengine:kit-api-secret".getBytes(StandardCharsets.UTF_8);

  /**
   * Where every key message sends the operator: a section of the install guide that a test
   * (DocReferencesTest) keeps in step with this text.
   */
  public static final String SEE_DOCS = "See docs/install.md, 'Encryption key'.";

  private final SecretKeySpec key;
  private final String keyId;

  /** Keys accepted for reading, by key id: the current one and any previous ones (rotation). */
  private final java.util.Map<String, SecretKeySpec> readKeys;

  private final SecureRandom random = new SecureRandom();

  private SecretCipher(byte[] keyBytes, java.util.Map<String, SecretKeySpec> previous) {
    this.key = new SecretKeySpec(keyBytes, "AES");
    this.keyId = keyId(keyBytes);
    java.util.Map<String, SecretKeySpec> read = new java.util.HashMap<String, SecretKeySpec>();
    read.putAll(previous);
    read.put(keyId, key);
    this.readKeys = java.util.Collections.unmodifiableMap(read);
  }

  /**
   * A cipher that encrypts with this one's key and still decrypts what was encrypted with any of
   * {@code previousBase64Keys}: key rotation. Secrets under a previous key are re-encrypted with
   * the current one the next time they are used (see docs/engine.md, "Rotating the key").
   *
   * @throws SecretKeyException when a previous key is malformed
   */
  public SecretCipher withPreviousKeys(java.util.List<String> previousBase64Keys) {
    java.util.Map<String, SecretKeySpec> previous = new java.util.HashMap<String, SecretKeySpec>();
    for (String k : previousBase64Keys) {
      if (k == null || k.trim().isEmpty()) continue;
      byte[] bytes = keyBytes(k, "A previous encryption key (ckengine.previousSecretKeys)");
      previous.put(keyId(bytes), new SecretKeySpec(bytes, "AES"));
    }
    return new SecretCipher(key.getEncoded(), previous);
  }

  /** True when {@code stored} was encrypted with the current key (no re-encryption needed). */
  public boolean isCurrent(String stored) {
    return stored != null && stored.startsWith(VERSION + ":" + keyId + ":");
  }

  /**
   * A cipher for a base64 256-bit key.
   *
   * @throws SecretKeyException when the key is missing or not 32 bytes of base64
   */
  public static SecretCipher fromBase64Key(String base64Key) {
    if (base64Key == null || base64Key.trim().isEmpty()) {
      throw new SecretKeyException(
          "No encryption key for Kit API secrets is configured: set ckengine.secretKey to base64 of"
              + " 32 random bytes (openssl rand -base64 32). "
              + SEE_DOCS);
    }
    return new SecretCipher(
        keyBytes(
            base64Key, "The configured encryption key for Kit API secrets (ckengine.secretKey)"),
        java.util.Collections.<String, SecretKeySpec>emptyMap());
  }

  private static byte[] keyBytes(String base64Key, String what) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new SecretKeyException(what + " is not valid base64. " + SEE_DOCS);
    }
    if (bytes.length != 32) {
      throw new SecretKeyException(
          what
              + " must be 32 bytes (256 bits) of base64; it has "
              + bytes.length
              + " bytes. "
              + SEE_DOCS);
    }
    return bytes;
  }

  /** A new random key, base64, for configuration. */
  public static String generateKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return Base64.getEncoder().encodeToString(k);
  }

  /** The id of this cipher's key, safe to show (it reveals nothing of the key). */
  public String keyId() {
    return keyId;
  }

  public String encrypt(String plaintext) {
    if (plaintext == null) throw new NullPointerException("plaintext");
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(AAD);
      byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + ct.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(ct, 0, out, nonce.length, ct.length);
      return VERSION + ":" + keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new SecretKeyException(
          "Encrypting a Kit API secret failed: " + e.getClass().getSimpleName() + ". " + SEE_DOCS);
    }
  }

  /**
   * @throws SecretKeyException when the value was encrypted with another key, was changed, or is
   *     not an encrypted value at all (a clear-text secret is never accepted)
   */
  public String decrypt(String stored) {
    String[] parts = stored == null ? new String[0] : stored.split(":", 3);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      throw new SecretKeyException(
          "The stored Kit API secret is not in the encrypted format "
              + "(expected "
              + VERSION
              + ":<key id>:<data>); it is never used as clear text. "
              + SEE_DOCS);
    }
    SecretKeySpec readKey = readKeys.get(parts[1]);
    if (readKey == null) {
      throw new SecretKeyException(
          "The stored Kit API secret was encrypted with key "
              + parts[1]
              + " but the configured key is "
              + keyId
              + ": configure the original key (or list it in ckengine.previousSecretKeys), or "
              + "enter the secret again. "
              + SEE_DOCS);
    }
    try {
      byte[] in = Base64.getDecoder().decode(parts[2]);
      if (in.length <= NONCE_BYTES) throw new IllegalArgumentException("short");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, readKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      c.updateAAD(AAD);
      byte[] pt = c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(pt, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new SecretKeyException(
          "The stored Kit API secret cannot be decrypted with the "
              + "configured key "
              + parts[1]
              + " (altered, or encrypted with another key of the same id). "
              + SEE_DOCS);
    }
  }

  @Override
  public String toString() {
    return "SecretCipher{key " + keyId + "}";
  }

  private static String keyId(byte[] key) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 4; i++) b.append(String.format("%02x", h[i] & 0xff));
      return "k" + b;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The encryption key is missing or wrong, or a stored secret cannot be opened. */
  public static final class SecretKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SecretKeyException(String message) {
      super(message);
    }
  }
}

package com.ckengine.kit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One authorization's proof key (RFC 7636, method S256): a random verifier kept by the admin until
 * Kit sends the operator back, and the challenge derived from it that goes to Kit first. A code
 * intercepted on its way back is worthless without the verifier.
 */
public final class Pkce {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** 48 random bytes: 64 characters of base64url, inside the 43 to 128 RFC 7636 allows. */
  private static final int VERIFIER_BYTES = 48;

  private final String verifier;

  private Pkce(String verifier) {
    this.verifier = verifier;
  }

  /** A new verifier from a cryptographic random source. */
  public static Pkce create() {
    byte[] bytes = new byte[VERIFIER_BYTES];
    RANDOM.nextBytes(bytes);
    return new Pkce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * A verifier kept from {@link #create()} (e.g. in the operator's session).
   *
   * @throws IllegalArgumentException when it is not 43 to 128 characters of A-Z a-z 0-9 - . _ ~
   */
  public static Pkce of(String verifier) {
    if (verifier == null
        || verifier.length() < 43
        || verifier.length() > 128
        || !verifier.matches("[A-Za-z0-9._~-]+")) {
      throw new IllegalArgumentException("not a PKCE code verifier");
    }
    return new Pkce(verifier);
  }

  /** Sent to Kit's token endpoint with the code; never to the browser. */
  public String verifier() {
    return verifier;
  }

  /** BASE64URL(SHA-256(verifier)), without padding: sent with the authorization request. */
  public String challenge() {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** The challenge method Kit is told: always S256. */
  public String method() {
    return "S256";
  }

  @Override
  public String toString() {
    return "Pkce[redacted]";
  }
}

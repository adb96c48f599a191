package com.ckengine.kit;

/**
 * A Kit API Secret. It opens the operator's whole Kit account, so this type makes leaking it hard:
 * {@link #toString()} is redacted and the only way to the text is {@link #reveal()}, which the
 * client calls only while building a request.
 *
 * <p>Equal by value, so it can key per-account state such as the rate limiter.
 */
public final class ApiSecret {
  private final String value;

  private ApiSecret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret as pasted by the operator. Surrounding whitespace is dropped because a pasted
   * value often carries some and Kit would refuse it.
   *
   * @throws IllegalArgumentException if the secret is null or blank (the message never holds it)
   */
  public static ApiSecret of(String secret) {
    if (secret == null || secret.trim().isEmpty()) {
      throw new IllegalArgumentException("API secret is empty");
    }
    return new ApiSecret(secret.trim());
  }

  /** The secret itself. Call only to put it in a request to Kit; never log or display it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiSecret && ((ApiSecret) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Always {@code ApiSecret[redacted]}: the text may end up in logs or pages. */
  @Override
  public String toString() {
    return "ApiSecret[redacted]";
  }
}

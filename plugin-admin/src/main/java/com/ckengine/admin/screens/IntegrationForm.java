package com.ckengine.admin.screens;

/**
 * The New Integration and Edit forms: provider, label and API secret. The secret is write-only: it
 * is never put back into a page, so {@link #withoutSecret()} is what a form shows again.
 */
public class IntegrationForm {
  public static final String CONVERTKIT = "CONVERTKIT";

  private String provider = CONVERTKIT;
  private String label;
  private String apiSecret;

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getLabel() {
    return label;
  }

  public void setLabel(String label) {
    this.label = label;
  }

  public String getApiSecret() {
    return apiSecret;
  }

  public void setApiSecret(String apiSecret) {
    this.apiSecret = apiSecret;
  }

  /** The same form with the secret emptied, to render again. */
  public IntegrationForm withoutSecret() {
    IntegrationForm f = new IntegrationForm();
    f.provider = provider;
    f.label = label;
    return f;
  }

  @Override
  public String toString() {
    // Never the secret.
    return "IntegrationForm{" + provider + ", '" + label + "'}";
  }
}

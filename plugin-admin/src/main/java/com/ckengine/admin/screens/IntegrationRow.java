package com.ckengine.admin.screens;

import com.ckengine.engine.Integration;
import com.ckengine.engine.IntegrationStatus;

/** One integration as the Integration Setup list shows it. Holds no secret. */
public final class IntegrationRow {
  private final Integration integration;
  private final int ruleCount;

  IntegrationRow(Integration integration, int ruleCount) {
    this.integration = integration;
    this.ruleCount = ruleCount;
  }

  public long getId() {
    return integration.id();
  }

  public String getLabel() {
    return integration.label();
  }

  public String getProvider() {
    return "CONVERTKIT".equalsIgnoreCase(integration.provider())
        ? "ConvertKit"
        : integration.provider();
  }

  public String getAccountName() {
    return integration.accountName();
  }

  public String getPrimaryEmail() {
    return integration.primaryEmail();
  }

  /** What the integration connects with, in Kit's words. */
  public String getCredential() {
    return credentialOf(integration);
  }

  /** What {@code integration} connects with, in Kit's words: "V4 API key", "Kit OAuth" ... */
  public static String credentialOf(Integration integration) {
    switch (integration.credentialKind()) {
      case V4_API_KEY:
        return "V4 API key";
      case V4_OAUTH_TOKEN:
        return "Kit OAuth";
      case V3_API_SECRET:
      default:
        return "V3 API Secret";
    }
  }

  /** True when Kit records purchases for it (not with a V4 API key). */
  public boolean isRecordsPurchases() {
    return integration.canRecordPurchases();
  }

  public boolean isOauth() {
    return integration.credentialKind() == com.ckengine.kit.CredentialKind.V4_OAUTH_TOKEN;
  }

  public boolean isNeedsAttention() {
    return integration.status() == IntegrationStatus.NEEDS_ATTENTION;
  }

  public String getStatus() {
    return isNeedsAttention() ? "Needs attention" : "Connected";
  }

  /** Why it needs attention (Kit's refusal), or null. */
  public String getStatusMessage() {
    return integration.statusMessage();
  }

  public int getTagCount() {
    return integration.tags().size();
  }

  public String getTagsRefreshedAt() {
    return integration.tagsFetchedAt() == null
        ? "never"
        : Times.format(integration.tagsFetchedAt());
  }

  public int getRuleCount() {
    return ruleCount;
  }
}

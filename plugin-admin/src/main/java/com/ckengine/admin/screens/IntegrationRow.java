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

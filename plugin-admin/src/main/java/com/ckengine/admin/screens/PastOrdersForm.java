package com.ckengine.admin.screens;

/**
 * The Past Orders form as posted (every field as typed, checked by {@link PastOrdersScreen}):
 * integration, a range of submit days (YYYY-MM-DD, UTC, both included), which Product Purchased
 * rules ({@code rules}: ONE_RULE with {@code ruleId}, PRODUCT_RULES with {@code productId}, or
 * ALL_PURCHASED), and whether refunded and test orders are left out.
 *
 * <p>The two boxes are false here, so an unticked box (which a browser does not post) reads as
 * "no"; {@link #fresh()} ticks both for the page's first view.
 */
public class PastOrdersForm {
  private String integrationId;
  private String from;
  private String to;
  private String rules;
  private String ruleId;
  private String productId;
  private boolean excludeRefunded;
  private boolean excludeTest;

  /** The form as the page first shows it: all Product Purchased rules, both exclusions on. */
  public static PastOrdersForm fresh() {
    PastOrdersForm f = new PastOrdersForm();
    f.setRules("ALL_PURCHASED");
    f.setExcludeRefunded(true);
    f.setExcludeTest(true);
    return f;
  }

  public String getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(String integrationId) {
    this.integrationId = integrationId;
  }

  /** The first day (UTC) whose submitted orders are taken. */
  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  /** The last day (UTC) whose submitted orders are taken, included. */
  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  /** ONE_RULE, PRODUCT_RULES or ALL_PURCHASED. */
  public String getRules() {
    return rules;
  }

  public void setRules(String rules) {
    this.rules = rules;
  }

  public String getRuleId() {
    return ruleId;
  }

  public void setRuleId(String ruleId) {
    this.ruleId = ruleId;
  }

  public String getProductId() {
    return productId;
  }

  public void setProductId(String productId) {
    this.productId = productId;
  }

  public boolean isExcludeRefunded() {
    return excludeRefunded;
  }

  public void setExcludeRefunded(boolean excludeRefunded) {
    this.excludeRefunded = excludeRefunded;
  }

  public boolean isExcludeTest() {
    return excludeTest;
  }

  public void setExcludeTest(boolean excludeTest) {
    this.excludeTest = excludeTest;
  }
}

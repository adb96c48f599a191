package com.ckengine.admin.screens;

import java.util.ArrayList;
import java.util.List;

/**
 * The New Rule / Edit Rule form as posted at each step: the values of the steps done so far travel
 * along as hidden fields. Plain strings and numbers, so a bad value becomes a field error instead
 * of a binding failure.
 */
public class RuleForm {
  private Long ruleId;
  private Long productId;
  private int step = 1;
  private String trigger;
  private Long integrationId;
  private String action;
  private List<Long> tagIds = new ArrayList<Long>();
  private String newTags;
  private Long targetId;
  private boolean enabled = true;

  public Long getRuleId() {
    return ruleId;
  }

  public void setRuleId(Long ruleId) {
    this.ruleId = ruleId;
  }

  /** The product of a product rule; null for a global rule. */
  public Long getProductId() {
    return productId;
  }

  public void setProductId(Long productId) {
    this.productId = productId;
  }

  /** The step the form was on when posted: 1 trigger, 2 integration and action, 3 tags. */
  public int getStep() {
    return step;
  }

  public void setStep(int step) {
    this.step = step;
  }

  public String getTrigger() {
    return trigger;
  }

  public void setTrigger(String trigger) {
    this.trigger = trigger;
  }

  public Long getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(Long integrationId) {
    this.integrationId = integrationId;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  /** Kit ids of the tags picked from the account's list. */
  public List<Long> getTagIds() {
    return tagIds;
  }

  public void setTagIds(List<Long> tagIds) {
    this.tagIds = tagIds == null ? new ArrayList<Long>() : tagIds;
  }

  /**
   * Tag names typed by hand, separated by commas (a name holding a comma in double quotes, see
   * {@link TypedTagList}); created in Kit when first used.
   */
  public String getNewTags() {
    return newTags;
  }

  public void setNewTags(String newTags) {
    this.newTags = newTags;
  }

  /**
   * Kit's id of the form (Add Subscriber To Form) or sequence (Add Subscriber To Sequence) picked
   * from the account's list; null when none was picked.
   */
  public Long getTargetId() {
    return targetId;
  }

  public void setTargetId(Long targetId) {
    this.targetId = targetId;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isGlobal() {
    return productId == null;
  }
}

package com.ckengine.engine.store;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.Trigger;
import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.PrePersist;
import javax.persistence.PreUpdate;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * A rule ({@code CK_RULE}); its tags are {@link RuleTagEntity} rows. {@code PRODUCT_ID} null means
 * global. {@code UPDATED_AT} is stamped by JPA callbacks, so edits made through any EntityManager
 * (the host's admin too) are seen by the rule index's change check.
 */
@Entity
@Table(name = "CK_RULE")
@org.hibernate.annotations.Table(
    appliesTo = "CK_RULE",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_RULE_INT",
          columnNames = {"INTEGRATION_ID"})
    })
public class RuleEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkRuleId")
  @TableGenerator(
      name = "CkRuleId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_RULE",
      allocationSize = 50)
  @Column(name = "ID")
  private Long id;

  @Enumerated(EnumType.STRING)
  @Column(name = "TRIGGER_TYPE", nullable = false, length = 40)
  private Trigger trigger;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  // The kind's stored name (ActionType is an open set of names, not an enum).
  @Column(name = "ACTION_TYPE", nullable = false, length = 20)
  private String action;

  /** Kit's id of the form or sequence of an action kind that takes one, else null. */
  @Column(name = "TARGET_KIT_ID")
  private Long targetKitId;

  /** The form's or sequence's name as listed when the rule was made: the log shows it. */
  @Column(name = "TARGET_NAME", length = 255)
  private String targetName;

  @Column(name = "PRODUCT_ID")
  private Long productId;

  @Column(name = "ENABLED", nullable = false)
  private boolean enabled = true;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "UPDATED_AT", nullable = false)
  private Date updatedAt;

  /**
   * When the rule was created, UTC epoch ms on the engine's clock (the clock of the events'
   * received times, so Logs' "Why?" can say a rule came after an event). Null for a rule stored
   * before the column existed.
   */
  @Column(name = "CREATED_AT")
  private Long createdAt;

  @PrePersist
  @PreUpdate
  void stamp() {
    updatedAt = new Date();
  }

  public Long getId() {
    return id;
  }

  public Trigger getTrigger() {
    return trigger;
  }

  public void setTrigger(Trigger trigger) {
    this.trigger = trigger;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(long integrationId) {
    this.integrationId = integrationId;
  }

  /**
   * The action kind, or null for none.
   *
   * @throws IllegalArgumentException for a name no kind defines in this process
   */
  public ActionType getAction() {
    return action == null ? null : ActionType.valueOf(action);
  }

  public void setAction(ActionType action) {
    this.action = action == null ? null : action.name();
  }

  /** The form or sequence, or null. */
  public RuleTarget getTarget() {
    return targetKitId == null ? null : RuleTarget.of(targetKitId, targetName);
  }

  public void setTarget(RuleTarget target) {
    this.targetKitId = target == null ? null : target.kitId();
    this.targetName = target == null ? null : target.name();
  }

  public Long getProductId() {
    return productId;
  }

  public void setProductId(Long productId) {
    this.productId = productId;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Long getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Long createdAt) {
    this.createdAt = createdAt;
  }

  public Date getUpdatedAt() {
    return updatedAt;
  }
}

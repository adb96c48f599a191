package com.ckengine.engine.store;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.PrePersist;
import javax.persistence.PreUpdate;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/** One tag of a rule ({@code CK_RULE_TAG}): a name, and Kit's id when picked from the account. */
@Entity
@Table(name = "CK_RULE_TAG")
@org.hibernate.annotations.Table(
    appliesTo = "CK_RULE_TAG",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_RULE_TAG_RULE",
          columnNames = {"RULE_ID"})
    })
public class RuleTagEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkRuleTagId")
  @TableGenerator(
      name = "CkRuleTagId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_RULE_TAG",
      allocationSize = 50)
  @Column(name = "ID")
  private Long id;

  @Column(name = "RULE_ID", nullable = false)
  private long ruleId;

  @Column(name = "POSITION", nullable = false)
  private int position;

  @Column(name = "TAG_NAME", nullable = false, length = 255)
  private String tagName;

  @Column(name = "KIT_TAG_ID")
  private Long kitTagId;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "UPDATED_AT", nullable = false)
  private Date updatedAt;

  protected RuleTagEntity() {}

  public RuleTagEntity(long ruleId, int position, String tagName, Long kitTagId) {
    this.ruleId = ruleId;
    this.position = position;
    this.tagName = tagName;
    this.kitTagId = kitTagId;
  }

  @PrePersist
  @PreUpdate
  void stamp() {
    updatedAt = new Date();
  }

  public long getRuleId() {
    return ruleId;
  }

  public int getPosition() {
    return position;
  }

  public String getTagName() {
    return tagName;
  }

  public Long getKitTagId() {
    return kitTagId;
  }
}

package com.ckengine.engine.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * The rules' change counter ({@code CK_RULE_VERSION}, one row): raised in the same transaction as
 * every change to a rule, so any node sees that the rules changed by reading one number, without
 * trusting row counts or clocks.
 */
@Entity
@Table(name = "CK_RULE_VERSION")
public class RuleVersionEntity {
  /** The id of the one row. */
  public static final long SINGLETON_ID = 1;

  @Id
  @Column(name = "ID")
  private long id;

  @Column(name = "VERSION", nullable = false)
  private long version;

  protected RuleVersionEntity() {}

  public RuleVersionEntity(long version) {
    this.id = SINGLETON_ID;
    this.version = version;
  }

  public long getVersion() {
    return version;
  }
}

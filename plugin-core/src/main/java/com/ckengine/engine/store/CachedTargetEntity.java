package com.ckengine.engine.store;

import com.ckengine.kit.Subscribable;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/**
 * A form or a sequence of an integration's Kit account as last fetched ({@code
 * CK_INTEGRATION_TARGET}): what the rule wizard offers for Add Subscriber To Form and Add
 * Subscriber To Sequence. Filled, like the tags, when the integration is connected and on Refresh.
 */
@Entity
@Table(name = "CK_INTEGRATION_TARGET")
@org.hibernate.annotations.Table(
    appliesTo = "CK_INTEGRATION_TARGET",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_INTEGRATION_TARGET_INT",
          columnNames = {"INTEGRATION_ID"})
    })
public class CachedTargetEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkIntegrationTargetId")
  @TableGenerator(
      name = "CkIntegrationTargetId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_INTEGRATION_TARGET",
      allocationSize = 50)
  @Column(name = "ID")
  private Long id;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  /** FORM or SEQUENCE. */
  @Enumerated(EnumType.STRING)
  @Column(name = "KIND", nullable = false, length = 20)
  private Subscribable kind;

  @Column(name = "KIT_ID", nullable = false)
  private long kitId;

  @Column(name = "NAME", nullable = false, length = 255)
  private String name;

  protected CachedTargetEntity() {}

  public CachedTargetEntity(long integrationId, Subscribable kind, long kitId, String name) {
    this.integrationId = integrationId;
    this.kind = kind;
    this.kitId = kitId;
    this.name = name;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public Subscribable getKind() {
    return kind;
  }

  public long getKitId() {
    return kitId;
  }

  public String getName() {
    return name;
  }
}

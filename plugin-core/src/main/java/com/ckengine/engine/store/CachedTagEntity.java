package com.ckengine.engine.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/**
 * A tag of an integration's Kit account as last fetched ({@code CK_INTEGRATION_TAG}): what the
 * admin offers when an operator picks tags, and how hand-typed tag names are resolved to ids.
 */
@Entity
@Table(name = "CK_INTEGRATION_TAG")
@org.hibernate.annotations.Table(
    appliesTo = "CK_INTEGRATION_TAG",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_INTEGRATION_TAG_INT",
          columnNames = {"INTEGRATION_ID"})
    })
public class CachedTagEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkIntegrationTagId")
  @TableGenerator(
      name = "CkIntegrationTagId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_INTEGRATION_TAG",
      allocationSize = 50)
  @Column(name = "ID")
  private Long id;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  @Column(name = "KIT_TAG_ID", nullable = false)
  private long kitTagId;

  @Column(name = "NAME", nullable = false, length = 255)
  private String name;

  protected CachedTagEntity() {}

  public CachedTagEntity(long integrationId, long kitTagId, String name) {
    this.integrationId = integrationId;
    this.kitTagId = kitTagId;
    this.name = name;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public long getKitTagId() {
    return kitTagId;
  }

  public String getName() {
    return name;
  }
}

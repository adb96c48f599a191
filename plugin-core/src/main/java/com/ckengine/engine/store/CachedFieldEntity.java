package com.ckengine.engine.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/**
 * A custom field of an integration's Kit account as last fetched ({@code CK_INTEGRATION_FIELD}):
 * Kit's id, its key (what values are sent by) and label. What the admin's Custom fields page offers
 * and what delivery checks a mapping against. Filled, like the tags, on connect and on Refresh.
 */
@Entity
@Table(name = "CK_INTEGRATION_FIELD")
@org.hibernate.annotations.Table(
    appliesTo = "CK_INTEGRATION_FIELD",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_INTEGRATION_FIELD_INT",
          columnNames = {"INTEGRATION_ID"})
    })
public class CachedFieldEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkIntegrationFieldId")
  @TableGenerator(
      name = "CkIntegrationFieldId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_INTEGRATION_FIELD",
      allocationSize = 50)
  @Column(name = "ID")
  private Long id;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  @Column(name = "KIT_ID", nullable = false)
  private long kitId;

  @Column(name = "FIELD_KEY", nullable = false, length = 255)
  private String key;

  @Column(name = "LABEL", nullable = false, length = 255)
  private String label;

  protected CachedFieldEntity() {}

  public CachedFieldEntity(long integrationId, long kitId, String key, String label) {
    this.integrationId = integrationId;
    this.kitId = kitId;
    this.key = key;
    this.label = label;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public long getKitId() {
    return kitId;
  }

  public String getKey() {
    return key;
  }

  public String getLabel() {
    return label;
  }
}

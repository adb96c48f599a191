package com.ckengine.engine.store;

import com.ckengine.api.StoreField;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;
import javax.persistence.UniqueConstraint;

/**
 * One store field sent to one of the Kit account's custom fields, per integration ({@code
 * CK_FIELD_MAPPING}): at most one Kit field per store field and integration. The Kit field is kept
 * by its key, which is what Kit's {@code fields} use.
 */
@Entity
@Table(
    name = "CK_FIELD_MAPPING",
    uniqueConstraints =
        @UniqueConstraint(
            name = "CK_FIELD_MAPPING_ONE",
            columnNames = {"INTEGRATION_ID", "STORE_FIELD"}))
public class FieldMappingEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkFieldMappingId")
  @TableGenerator(
      name = "CkFieldMappingId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_FIELD_MAPPING",
      allocationSize = 10)
  @Column(name = "ID")
  private Long id;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  @Enumerated(EnumType.STRING)
  @Column(name = "STORE_FIELD", nullable = false, length = 40)
  private StoreField storeField;

  @Column(name = "KIT_FIELD_KEY", nullable = false, length = 255)
  private String kitFieldKey;

  protected FieldMappingEntity() {}

  public FieldMappingEntity(long integrationId, StoreField storeField, String kitFieldKey) {
    this.integrationId = integrationId;
    this.storeField = storeField;
    this.kitFieldKey = kitFieldKey;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public StoreField getStoreField() {
    return storeField;
  }

  public String getKitFieldKey() {
    return kitFieldKey;
  }
}

package com.ckengine.engine.store;

import java.io.Serializable;
import javax.persistence.Column;
import javax.persistence.Embeddable;
import javax.persistence.EmbeddedId;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A purchase recorded in Kit ({@code CK_PURCHASE_SENT}), one row per integration and transaction
 * id. Kit does not document what a repeated transaction id does, so the engine checks here before
 * sending and never records the same purchase twice. Kept when old log rows are purged.
 */
@Entity
@Table(name = "CK_PURCHASE_SENT")
@org.hibernate.annotations.Table(
    appliesTo = "CK_PURCHASE_SENT",
    indexes = {
      // The reconcile floor: the highest Kit purchase id an integration recorded, read from the
      // index's end instead of all the integration's records.
      @org.hibernate.annotations.Index(
          name = "CK_PURCHASE_KIT_ID",
          columnNames = {"INTEGRATION_ID", "KIT_PURCHASE_ID"}),
      // Retention of purchase records by age.
      @org.hibernate.annotations.Index(
          name = "CK_PURCHASE_SENT_AT",
          columnNames = {"SENT_AT"})
    })
public class PurchaseRecordEntity {
  /** Integration and transaction id. */
  @Embeddable
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    @Column(name = "INTEGRATION_ID", nullable = false)
    private long integrationId;

    @Column(name = "TRANSACTION_ID", nullable = false, length = 200)
    private String transactionId;

    protected Key() {}

    public Key(long integrationId, String transactionId) {
      this.integrationId = integrationId;
      this.transactionId = transactionId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key
          && ((Key) o).integrationId == integrationId
          && ((Key) o).transactionId.equals(transactionId);
    }

    @Override
    public int hashCode() {
      return (int) integrationId * 31 + transactionId.hashCode();
    }
  }

  @EmbeddedId private Key key;

  @Column(name = "ACTION_ID", nullable = false)
  private long actionId;

  @Column(name = "KIT_PURCHASE_ID")
  private Long kitPurchaseId;

  /** UTC epoch milliseconds; records are pruned by age (see docs/engine.md, "Retention"). */
  @Column(name = "SENT_AT", nullable = false)
  private long sentAt;

  protected PurchaseRecordEntity() {}

  public PurchaseRecordEntity(
      long integrationId, String transactionId, long actionId, Long kitPurchaseId, long sentAt) {
    this.key = new Key(integrationId, transactionId);
    this.actionId = actionId;
    this.kitPurchaseId = kitPurchaseId;
    this.sentAt = sentAt;
  }

  public long getActionId() {
    return actionId;
  }

  public Long getKitPurchaseId() {
    return kitPurchaseId;
  }

  public long getSentAt() {
    return sentAt;
  }
}

package com.ckengine.engine.store;

import java.util.Date;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Temporal;
import javax.persistence.TemporalType;

/**
 * Which node delivers an integration's actions, until when ({@code CK_DELIVERY_LEASE}). One node at
 * a time per integration keeps the calls for one API key in one process, where the Kit client's
 * rate limiter sees them all; taken and renewed with conditional UPDATEs.
 */
@Entity
@Table(name = "CK_DELIVERY_LEASE")
public class DeliveryLeaseEntity {
  @Id
  @Column(name = "INTEGRATION_ID")
  private long integrationId;

  @Column(name = "OWNER_NODE", nullable = false, length = 100)
  private String owner;

  @Temporal(TemporalType.TIMESTAMP)
  @Column(name = "LEASE_UNTIL", nullable = false)
  private Date leaseUntil;

  protected DeliveryLeaseEntity() {}

  public DeliveryLeaseEntity(long integrationId, String owner, Date leaseUntil) {
    this.integrationId = integrationId;
    this.owner = owner;
    this.leaseUntil = leaseUntil;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public String getOwner() {
    return owner;
  }

  public Date getLeaseUntil() {
    return leaseUntil;
  }
}

package com.ckengine.engine.store;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

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

  /** Node id and the incarnation of the engine on it: a restarted node is a new owner. */
  @Column(name = "OWNER_NODE", nullable = false, length = 140)
  private String owner;

  /** UTC epoch milliseconds, database clock. */
  @Column(name = "LEASE_UNTIL", nullable = false)
  private long leaseUntil;

  protected DeliveryLeaseEntity() {}

  public DeliveryLeaseEntity(long integrationId, String owner, long leaseUntil) {
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

  public long getLeaseUntil() {
    return leaseUntil;
  }
}

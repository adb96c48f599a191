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

  /**
   * Requests made with the integration's key outside the operator's share before anybody took the
   * lease (connecting the Kit account, through the whole window of the admin node's limiter):
   * whoever takes the lease counts them in its limiter until {@link #carriedUntil}.
   */
  @Column(name = "CARRIED_CALLS", nullable = false)
  private int carriedCalls;

  /** When the last carried request leaves Kit's window: UTC epoch milliseconds, database clock. */
  @Column(name = "CARRIED_UNTIL", nullable = false)
  private long carriedUntil;

  protected DeliveryLeaseEntity() {}

  public DeliveryLeaseEntity(long integrationId, String owner, long leaseUntil) {
    this(integrationId, owner, leaseUntil, 0, 0);
  }

  public DeliveryLeaseEntity(
      long integrationId, String owner, long leaseUntil, int carriedCalls, long carriedUntil) {
    this.integrationId = integrationId;
    this.owner = owner;
    this.leaseUntil = leaseUntil;
    this.carriedCalls = carriedCalls;
    this.carriedUntil = carriedUntil;
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

  public int getCarriedCalls() {
    return carriedCalls;
  }

  public long getCarriedUntil() {
    return carriedUntil;
  }
}

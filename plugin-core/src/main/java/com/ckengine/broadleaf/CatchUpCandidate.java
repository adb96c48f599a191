package com.ckengine.broadleaf;

import java.util.Date;

/**
 * One row a catch-up sweep looks at (a submitted order, a refund's payment transaction): its id and
 * time, which together are the sweep's place in the host's table, its events' reference (the order
 * number) and how the logs name it ("order 1001"), never by the customer's email address.
 * Immutable.
 */
public final class CatchUpCandidate {
  private final long id;
  private final Date time;
  private final String reference;
  private final String label;

  public CatchUpCandidate(long id, Date time, String reference, String label) {
    this.id = id;
    this.time = time == null ? null : new Date(time.getTime());
    this.reference = reference;
    this.label = label;
  }

  /** The row's id in the host's table; ties of {@link #time} are ordered by it. */
  public long id() {
    return id;
  }

  /** When the row happened (submit date, refund date): the sweep walks in this order. */
  public Date time() {
    return time == null ? null : new Date(time.getTime());
  }

  /** The reference of its events: the order number. */
  public String reference() {
    return reference;
  }

  /** For the logs: "order 1001", "the refund of order 1001 (payment transaction 55)". */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}

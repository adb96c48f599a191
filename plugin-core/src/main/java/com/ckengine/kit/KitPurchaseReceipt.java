package com.ckengine.kit;

/** Kit's acknowledgement of a recorded purchase: Kit's id for it, kept to never send it twice. */
public final class KitPurchaseReceipt {
  private final long id;
  private final String transactionId;

  public KitPurchaseReceipt(long id, String transactionId) {
    this.id = id;
    this.transactionId = transactionId == null ? "" : transactionId;
  }

  /** Kit's id of the purchase. */
  public long id() {
    return id;
  }

  /** The store's transaction id, as Kit echoed it. */
  public String transactionId() {
    return transactionId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitPurchaseReceipt)) return false;
    KitPurchaseReceipt that = (KitPurchaseReceipt) o;
    return id == that.id && transactionId.equals(that.transactionId);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + transactionId.hashCode();
  }

  @Override
  public String toString() {
    return "KitPurchaseReceipt{" + id + ", " + transactionId + "}";
  }
}

package com.ckengine.kit;

/**
 * What Kit answers to tagging a subscriber: the tagging ("subscription" in v3 terms), its state
 * (e.g. {@code active}) and the subscriber it belongs to.
 */
public final class KitSubscription {
  private final long id;
  private final String state;
  private final long subscriberId;

  public KitSubscription(long id, String state, long subscriberId) {
    this.id = id;
    this.state = state == null ? "" : state;
    this.subscriberId = subscriberId;
  }

  public long id() {
    return id;
  }

  public String state() {
    return state;
  }

  public long subscriberId() {
    return subscriberId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitSubscription)) return false;
    KitSubscription that = (KitSubscription) o;
    return id == that.id && state.equals(that.state) && subscriberId == that.subscriberId;
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(id) * 31 + state.hashCode()) * 31 + Long.hashCode(subscriberId);
  }

  @Override
  public String toString() {
    return "KitSubscription{" + id + ", " + state + ", subscriber=" + subscriberId + "}";
  }
}

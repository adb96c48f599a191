package com.ckengine.kit;

/**
 * One tagging for {@link KitClient#bulkTagSubscribers}: a tag (Kit's id) on a subscriber (Kit's id,
 * as {@link KitClient#bulkUpsertSubscribers} answered it). Immutable.
 */
public final class Tagging {
  private final long tagId;
  private final long subscriberId;

  private Tagging(long tagId, long subscriberId) {
    this.tagId = tagId;
    this.subscriberId = subscriberId;
  }

  public static Tagging of(long tagId, long subscriberId) {
    return new Tagging(tagId, subscriberId);
  }

  public long tagId() {
    return tagId;
  }

  public long subscriberId() {
    return subscriberId;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Tagging)) return false;
    Tagging t = (Tagging) o;
    return t.tagId == tagId && t.subscriberId == subscriberId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(tagId) * 31 + Long.hashCode(subscriberId);
  }

  @Override
  public String toString() {
    return "Tagging[tag " + tagId + ", subscriber " + subscriberId + "]";
  }
}

package com.ckengine.kit;

import java.time.Instant;

/** A tag of a Kit account. Equal by id and name. */
public final class KitTag {
  private final long id;
  private final String name;
  private final Instant createdAt;

  /** {@code createdAt} may be null when Kit did not say. */
  public KitTag(long id, String name, Instant createdAt) {
    if (name == null) throw new NullPointerException("name");
    this.id = id;
    this.name = name;
    this.createdAt = createdAt;
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** When the tag was created in Kit, or null if unknown. */
  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitTag)) return false;
    KitTag that = (KitTag) o;
    return id == that.id && name.equals(that.name);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "KitTag{" + id + ", " + name + "}";
  }
}

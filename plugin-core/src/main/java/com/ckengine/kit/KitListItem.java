package com.ckengine.kit;

/** A form or a sequence of a Kit account: Kit's id and its name. Equal by both. */
public final class KitListItem {
  private final long id;
  private final String name;

  public KitListItem(long id, String name) {
    if (name == null) throw new NullPointerException("name");
    this.id = id;
    this.name = name;
  }

  public long id() {
    return id;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KitListItem
        && ((KitListItem) o).id == id
        && ((KitListItem) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return "KitListItem{" + id + ", " + name + "}";
  }
}

package com.ckengine.kit;

/**
 * A custom field of a Kit account: Kit's id, its key (what a subscriber's {@code fields} are keyed
 * by, e.g. {@code last_name}) and its label for people ("Last name"). Equal by all three.
 */
public final class KitCustomField {
  private final long id;
  private final String key;
  private final String label;

  public KitCustomField(long id, String key, String label) {
    if (key == null) throw new NullPointerException("key");
    this.id = id;
    this.key = key;
    this.label = label == null ? key : label;
  }

  public long id() {
    return id;
  }

  /** What Kit's {@code fields} objects are keyed by. */
  public String key() {
    return key;
  }

  /** The label an operator gave the field in Kit (the key when Kit gave none). */
  public String label() {
    return label;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitCustomField)) return false;
    KitCustomField that = (KitCustomField) o;
    return id == that.id && key.equals(that.key) && label.equals(that.label);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(id) * 31 + key.hashCode()) * 31 + label.hashCode();
  }

  @Override
  public String toString() {
    return "KitCustomField{" + id + ", " + key + ", " + label + "}";
  }
}

package com.ckengine.api;

import java.util.Locale;

/**
 * A tag named by a rule: its name and, when it was picked from the Kit account, Kit's tag id. A tag
 * typed by hand has only a name; the engine finds or creates it in Kit by name at delivery.
 */
public final class RuleTag {
  private final String name;
  private final Long kitTagId;

  private RuleTag(String name, Long kitTagId) {
    this.name = name;
    this.kitTagId = kitTagId;
  }

  /** A tag known by name only. */
  public static RuleTag named(String name) {
    return of(name, null);
  }

  /** A tag picked from the account: name and Kit id (the id may be null). */
  public static RuleTag of(String name, Long kitTagId) {
    String n = Checks.trimToNull(name);
    if (n == null) throw new IllegalArgumentException("a tag needs a name");
    if (n.length() > 255)
      throw new IllegalArgumentException("tag name is longer than 255 characters");
    return new RuleTag(n, kitTagId);
  }

  public String name() {
    return name;
  }

  /** Kit's id of the tag, or null for a tag known by name only. */
  public Long kitTagId() {
    return kitTagId;
  }

  /** The name as tags are compared: Kit treats tag names case-insensitively. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RuleTag)) return false;
    RuleTag t = (RuleTag) o;
    return name.equals(t.name)
        && (kitTagId == null ? t.kitTagId == null : kitTagId.equals(t.kitTagId));
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + (kitTagId == null ? 0 : kitTagId.hashCode());
  }

  @Override
  public String toString() {
    return kitTagId == null ? name : name + "#" + kitTagId;
  }
}

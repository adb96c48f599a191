package com.ckengine.api;

import java.util.Locale;

/**
 * A tag named by a rule: its name and, when it was picked from the Kit account, Kit's tag id. A tag
 * typed by hand has only a name; the engine finds or creates it in Kit by name at delivery.
 *
 * <p>The one place that says what a tag name may be (the admin screens and the engine only ask
 * here): trimmed, not blank, at most {@link #MAX_NAME_LENGTH} characters (its lower-case form too,
 * which the engine stores as the tag's {@link #key()}), and no control characters (tab, CR, LF,
 * NUL, DEL, C1 controls, Unicode line and paragraph separators): such a name cannot be typed into
 * Kit's own screens and would break the log's one-line-per-tag display.
 */
public final class RuleTag {
  /**
   * The longest tag name, in characters. Kit's API reference states no limit; 255 is what the
   * engine's tag columns hold ({@code CK_RULE_TAG}, {@code CK_ACTION_TAG}, the cached account
   * tags).
   */
  public static final int MAX_NAME_LENGTH = 255;

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

  /**
   * A tag picked from the account: name and Kit id (the id may be null).
   *
   * @throws IllegalArgumentException saying plainly what is wrong with the name, for the operator
   */
  public static RuleTag of(String name, Long kitTagId) {
    String problem = problem(name);
    if (problem != null) throw new IllegalArgumentException(problem);
    return new RuleTag(name.trim(), kitTagId);
  }

  /**
   * A tag as a stored rule holds it, read back. The name rules above apply where a tag is made or
   * changed ({@link #of}); a rule saved before one of them existed keeps working as it was saved
   * until it is edited. Only what the engine's tag columns hold is required here: a name, not
   * blank, whose name and lower-case form fit {@link #MAX_NAME_LENGTH}.
   *
   * @throws IllegalArgumentException when not even that holds
   */
  public static RuleTag stored(String name, Long kitTagId) {
    String n = Checks.trimToNull(name);
    if (n == null) throw new IllegalArgumentException("A tag needs a name");
    String tooLong = lengthProblem(n);
    if (tooLong != null) throw new IllegalArgumentException(tooLong);
    return new RuleTag(n, kitTagId);
  }

  /**
   * What is wrong with this tag name under the rules above, for the operator, or null when it is
   * fine. {@link #of} refuses exactly these names.
   */
  public static String problem(String name) {
    String n = Checks.trimToNull(name);
    if (n == null) return "A tag needs a name";
    for (int i = 0; i < n.length(); i++) {
      if (PlainText.isControl(n.charAt(i))) {
        return "Tag \""
            + shown(n)
            + "\" contains a control character (a tab, a line break or similar) at position "
            + (i + 1)
            + "; tag names are one line of visible text";
      }
    }
    return lengthProblem(n);
  }

  private static String lengthProblem(String n) {
    if (n.length() > MAX_NAME_LENGTH || key(n).length() > MAX_NAME_LENGTH) {
      return "Tag \""
          + shown(n)
          + "\" is longer than "
          + MAX_NAME_LENGTH
          + " characters ("
          + Math.max(n.length(), key(n).length())
          + ")";
    }
    return null;
  }

  /** The start of a name for a message, control characters shown as {@code \\uXXXX}. */
  private static String shown(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length() && b.length() < 40; i++) {
      char c = name.charAt(i);
      if (PlainText.isControl(c)) b.append(String.format("\\u%04X", (int) c));
      else b.append(c);
    }
    return b.length() < name.length() ? b + "..." : b.toString();
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
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
    return key(name);
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

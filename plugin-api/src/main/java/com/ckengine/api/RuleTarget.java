package com.ckengine.api;

/**
 * The form or sequence of the Kit account a rule subscribes the customer to: Kit's id, and its name
 * as listed when the rule was made (the log shows it). Which of the two it is follows from the
 * rule's {@link ActionType#takes() action}.
 */
public final class RuleTarget {
  /** What the engine's name columns hold, as for tags. */
  public static final int MAX_NAME_LENGTH = RuleTag.MAX_NAME_LENGTH;

  private final long kitId;
  private final String name;

  private RuleTarget(long kitId, String name) {
    this.kitId = kitId;
    this.name = name;
  }

  /**
   * @throws IllegalArgumentException for a blank name or one longer than {@link #MAX_NAME_LENGTH}
   */
  public static RuleTarget of(long kitId, String name) {
    String n = Checks.trimToNull(name);
    if (n == null) throw new IllegalArgumentException("A form or sequence needs a name");
    if (n.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "The name \"" + n.substring(0, 40) + "...\" is longer than " + MAX_NAME_LENGTH);
    }
    return new RuleTarget(kitId, n);
  }

  /** Kit's id of the form or sequence. */
  public long kitId() {
    return kitId;
  }

  public String name() {
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleTarget
        && ((RuleTarget) o).kitId == kitId
        && ((RuleTarget) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(kitId) * 31 + name.hashCode();
  }

  @Override
  public String toString() {
    return name + "#" + kitId;
  }
}

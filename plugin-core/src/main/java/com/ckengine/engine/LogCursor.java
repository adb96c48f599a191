package com.ckengine.engine;

/**
 * A place in the integration log (newest first): the time and id of an entry. Pages continue after
 * it. Its text form ({@link #toString()}, {@link #parse}) can travel in a URL.
 */
public final class LogCursor {
  final long createdAt;
  final long actionId;

  LogCursor(long createdAt, long actionId) {
    this.createdAt = createdAt;
    this.actionId = actionId;
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a cursor
   */
  public static LogCursor parse(String text) {
    int dot = text == null ? -1 : text.indexOf('.');
    try {
      if (dot > 0) {
        return new LogCursor(
            Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("not a log cursor: " + text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogCursor
        && ((LogCursor) o).createdAt == createdAt
        && ((LogCursor) o).actionId == actionId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(createdAt) * 31 + Long.hashCode(actionId);
  }

  @Override
  public String toString() {
    return createdAt + "." + actionId;
  }
}

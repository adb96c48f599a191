package com.ckengine.engine.store;

/** Small helpers for fitting values into columns. */
public final class Columns {
  private Columns() {}

  /**
   * Cuts {@code s} to {@code max} characters, marking the cut, so a long Kit message never fails a
   * write.
   */
  public static String clip(String s, int max) {
    if (s == null || s.length() <= max) return s;
    return s.substring(0, max - 1) + "\u2026";
  }
}

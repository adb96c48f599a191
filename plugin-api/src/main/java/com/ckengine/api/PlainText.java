package com.ckengine.api;

/**
 * Text people type that the plugin stores or writes into log lines (integration labels, refund ids)
 * must be plain: no line breaks, tabs, NUL or other control characters. Such a character in a label
 * cannot be shown on one line and, written into a log file, would start a line that looks like one
 * the plugin wrote (a forged log line). This class says whether text holds one, and writes text for
 * a log line with each one escaped.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * True when {@code text} holds a control character: C0 (NUL to US, so CR, LF and tab), DEL, C1,
   * or Unicode's line and paragraph separators (U+2028, U+2029), which some viewers break lines at.
   */
  public static boolean hasControlCharacter(String text) {
    if (text == null) return false;
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) return true;
    }
    return false;
  }

  /**
   * {@code text} on one line: every control character written as an escape ({@code \r}, {@code \n},
   * {@code \t}, or {@code \}{@code u} and four hex digits), the rest as it is. For log lines that
   * quote text from outside (a Kit message, a refund id).
   */
  public static String escaped(String text) {
    if (text == null || !hasControlCharacter(text)) return text;
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isControl(c)) {
        b.append(c);
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** A control character as {@link #hasControlCharacter} means it. */
  public static boolean isControl(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}

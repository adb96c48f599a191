package com.ckengine.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What log lines at INFO and above may say about a customer: a masked email, never the whole. */
final class LogText {
  private static final Pattern EMAIL =
      Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+)");

  private LogText() {}

  /** {@code text} with every email address in it masked ("a***@example.com"). */
  static String maskEmail(String text, String knownEmail) {
    if (text == null) return null;
    String t = text;
    if (knownEmail != null && !knownEmail.isEmpty()) {
      t =
          Pattern.compile(Pattern.quote(knownEmail), Pattern.CASE_INSENSITIVE)
              .matcher(t)
              .replaceAll(Matcher.quoteReplacement(masked(knownEmail)));
    }
    Matcher m = EMAIL.matcher(t);
    StringBuffer b = new StringBuffer();
    while (m.find())
      m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
    m.appendTail(b);
    return b.toString();
  }

  static String masked(String email) {
    int at = email.indexOf('@');
    if (at <= 0) return "***";
    return email.substring(0, 1) + "***" + email.substring(at).toLowerCase(Locale.ROOT);
  }
}

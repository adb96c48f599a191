package com.ckengine.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/** Validation helpers shared by the value types; collects problems instead of failing fast. */
final class Checks {
  /**
   * Deliberately simple: one @, no spaces, a dot in the domain. Kit does the real validation; this
   * only catches what is plainly not an address before it is stored and retried for days.
   */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

  private Checks() {}

  static boolean isEmail(String s) {
    return s != null && s.length() <= 254 && EMAIL.matcher(s).matches();
  }

  static String trimToNull(String s) {
    if (s == null) return null;
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  static void required(List<String> problems, String name, Object value) {
    if (value == null) problems.add(name + " is required");
  }

  static void maxLength(List<String> problems, String name, String value, int max) {
    if (value != null && value.length() > max) {
      problems.add(name + " is longer than " + max + " characters");
    }
  }

  static void notNegative(List<String> problems, String name, BigDecimal value) {
    if (value != null && value.signum() < 0) problems.add(name + " must not be negative");
  }
}

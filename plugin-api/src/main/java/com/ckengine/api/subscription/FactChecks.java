package com.ckengine.api.subscription;

import com.ckengine.api.StoreEvent;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Validation shared by the facts; collects problems instead of failing fast. */
final class FactChecks {
  /** Same deliberately simple rule as store events: Kit does the real validation. */
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

  /**
   * Longest charge id: the charge id is the event key of Subscription Charged, and the triggers
   * derived from the same charge append a short suffix to it ({@code ":recovered"}).
   */
  static final int MAX_CHARGE_ID_LENGTH = StoreEvent.MAX_EVENT_KEY_LENGTH - 20;

  /** A subscription id is the reference of its events. */
  static final int MAX_SUBSCRIPTION_ID_LENGTH = StoreEvent.MAX_REFERENCE_LENGTH;

  private FactChecks() {}

  static String trimToNull(String s) {
    if (s == null) return null;
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  static String currencyCode(String s) {
    String c = trimToNull(s);
    return c == null ? null : c.toUpperCase(Locale.ROOT);
  }

  static void subscriptionId(List<String> p, String id) {
    required(p, "subscriptionId", id);
    maxLength(p, "subscriptionId", id, MAX_SUBSCRIPTION_ID_LENGTH);
  }

  static void chargeId(List<String> p, String id) {
    required(p, "chargeId", id);
    maxLength(p, "chargeId", id, MAX_CHARGE_ID_LENGTH);
  }

  static void required(List<String> p, String name, Object value) {
    if (value == null) p.add(name + " is required");
  }

  static void maxLength(List<String> p, String name, String value, int max) {
    if (value != null && value.length() > max) {
      p.add(name + " is longer than " + max + " characters");
    }
  }

  static void notNegative(List<String> p, String name, BigDecimal value) {
    if (value != null && value.signum() < 0) p.add(name + " must not be negative");
  }

  static void email(List<String> p, String email) {
    if (email == null) {
      p.add("email is required");
    } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      p.add("email '" + email + "' is not an email address");
    }
  }

  static void currency(List<String> p, String code) {
    if (code == null) return;
    boolean ok = code.length() == 3;
    if (ok) {
      try {
        Currency.getInstance(code);
      } catch (IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) p.add("currency '" + code + "' is not an ISO 4217 code");
  }
}

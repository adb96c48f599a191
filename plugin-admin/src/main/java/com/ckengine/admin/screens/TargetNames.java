package com.ckengine.admin.screens;

import com.ckengine.api.ActionType;

/**
 * How the screens name the form or sequence of an Add Subscriber To Form / To Sequence rule or log
 * entry, where the others show tags: "Form: Newsletter sign-up", "Sequence: Welcome series".
 */
final class TargetNames {
  private TargetNames() {}

  /** "Form" or "Sequence" for a kind that takes one; null for a kind that takes neither. */
  static String word(ActionType action) {
    if (action == null) return null;
    switch (action.takes()) {
      case FORM:
        return "Form";
      case SEQUENCE:
        return "Sequence";
      default:
        return null;
    }
  }

  static String describe(ActionType action, String name) {
    String word = word(action);
    return word == null ? name : word + ": " + name;
  }

  /**
   * What Kit starts for a customer added to a form or a sequence ({@code word} "form" or
   * "sequence", as {@link RuleStep#getTargetWord()}); null for neither.
   */
  static String whatKitStarts(String word) {
    if ("form".equals(word)) return "the form's incentive email and the automations it starts";
    if ("sequence".equals(word)) return "the sequence's emails, one after another";
    return null;
  }
}

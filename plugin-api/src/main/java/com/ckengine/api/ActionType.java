package com.ckengine.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a rule does in ConvertKit when it fires, by the name stored with rules and log rows ({@code
 * ACTION_TYPE}). Host-neutral facts of each kind live here: its name for operators, what a rule of
 * it holds ({@link Takes}) and which triggers allow it. How a kind is planned, delivered and shown
 * in the log is the engine's ({@code com.ckengine.engine.ActionKinds}).
 *
 * <p>An open set rather than an enum, so that a new kind is one class that {@linkplain #define
 * defines} its name: stored rows keep the names they always had. Instances are canonical ({@code
 * ==} compares them); {@link #values()} lists them in the order they were defined, which is the
 * wizard's.
 */
public final class ActionType {
  /** What a rule of a kind names besides its trigger: tags, one form, one sequence or nothing. */
  public enum Takes {
    TAGS,
    FORM,
    SEQUENCE,
    NOTHING
  }

  /** Which triggers allow a kind. */
  public interface Availability {
    /** Why a rule of {@code trigger} may not use the kind, for the operator; null when it may. */
    String refusal(ActionType action, Trigger trigger);
  }

  /** Allowed for every trigger. */
  public static final Availability ANY_TRIGGER = (action, trigger) -> null;

  /** Allowed where money was taken ({@link Trigger#recordsPurchases()}). */
  public static final Availability WHERE_MONEY_WAS_TAKEN =
      (action, trigger) ->
          trigger.recordsPurchases()
              ? null
              : action.displayName()
                  + " is not offered for "
                  + trigger.displayName()
                  + ": no money was taken, so there is no purchase to record";

  /** What the stored column holds: upper-case letters, digits and underscores, 20 at most. */
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,19}");

  private static final Map<String, ActionType> DEFINED = new LinkedHashMap<String, ActionType>();

  public static final ActionType ADD_TAG =
      define("ADD_TAG", "Add Tag To Subscriber", Takes.TAGS, ANY_TRIGGER);
  public static final ActionType REMOVE_TAG =
      define("REMOVE_TAG", "Remove Tag From Subscriber", Takes.TAGS, ANY_TRIGGER);
  public static final ActionType ADD_PURCHASE =
      define("ADD_PURCHASE", "Add Purchase To ConvertKit", Takes.NOTHING, WHERE_MONEY_WAS_TAKEN);

  /** Subscribes the customer to one of the account's forms; allowed where Add Tag is. */
  public static final ActionType ADD_TO_FORM =
      define("ADD_TO_FORM", "Add Subscriber To Form", Takes.FORM, ANY_TRIGGER);

  /** Subscribes the customer to one of the account's sequences; allowed where Add Tag is. */
  public static final ActionType ADD_TO_SEQUENCE =
      define("ADD_TO_SEQUENCE", "Add Subscriber To Sequence", Takes.SEQUENCE, ANY_TRIGGER);

  private final String name;
  private final String displayName;
  private final Takes takes;
  private final Availability availability;

  private ActionType(String name, String displayName, Takes takes, Availability availability) {
    this.name = name;
    this.displayName = displayName;
    this.takes = takes;
    this.availability = availability;
  }

  /**
   * Defines a new kind by its stored name. Each name is defined once per process.
   *
   * @throws IllegalArgumentException for a name the column cannot hold, or one already defined
   */
  public static synchronized ActionType define(
      String name, String displayName, Takes takes, Availability availability) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an action's name is 1 to 20 upper-case letters, digits or underscores: " + name);
    }
    if (displayName == null || displayName.trim().isEmpty() || takes == null) {
      throw new IllegalArgumentException("action " + name + " needs a display name and takes");
    }
    if (availability == null) throw new IllegalArgumentException("availability");
    if (DEFINED.containsKey(name)) {
      throw new IllegalArgumentException("action " + name + " is already defined");
    }
    ActionType t = new ActionType(name, displayName.trim(), takes, availability);
    DEFINED.put(name, t);
    return t;
  }

  /**
   * The kind stored under {@code name}.
   *
   * @throws IllegalArgumentException when no kind of that name is defined (as an enum's valueOf)
   */
  public static synchronized ActionType valueOf(String name) {
    ActionType t = name == null ? null : DEFINED.get(name);
    if (t == null) throw new IllegalArgumentException("no action kind named " + name);
    return t;
  }

  /** Every kind defined, in the order defined. */
  public static synchronized ActionType[] values() {
    List<ActionType> all = new ArrayList<ActionType>(DEFINED.values());
    return all.toArray(new ActionType[0]);
  }

  /** The stored name, e.g. "ADD_TAG". */
  public String name() {
    return name;
  }

  /** The name an operator sees, e.g. "Add Tag To Subscriber". */
  public String displayName() {
    return displayName;
  }

  /** What a rule of this kind names: tags, a form, a sequence, or nothing. */
  public Takes takes() {
    return takes;
  }

  /** True when the action needs at least one tag. */
  public boolean usesTags() {
    return takes == Takes.TAGS;
  }

  /** True when a rule of this kind names one form or one sequence ({@link RuleTarget}). */
  public boolean usesTarget() {
    return takes == Takes.FORM || takes == Takes.SEQUENCE;
  }

  /** Why a rule of {@code trigger} may not use this kind, for the operator; null when it may. */
  public String refusal(Trigger trigger) {
    return availability.refusal(this, trigger);
  }

  @Override
  public String toString() {
    return name;
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The registry of action kinds: the one place that knows which kinds exist. Evaluation plans by it
 * (in its order, which is also the order of an integration's actions in the log), delivery hands
 * each action to its kind, the log and the admin ask it what an action sent. The built-in kinds are
 * registered here; a new one is registered by whoever adds it ({@link #register}).
 */
public final class ActionKinds {
  private static volatile List<ActionKind> kinds = Collections.emptyList();

  static {
    register(new AddTagKind());
    register(new RemoveTagKind());
    register(new AddPurchaseKind());
    register(new AddToFormKind());
    register(new AddToSequenceKind());
  }

  private ActionKinds() {}

  /**
   * Registers {@code kind}; registering the same object again changes nothing.
   *
   * @throws IllegalArgumentException when another kind already has its type
   */
  public static synchronized void register(ActionKind kind) {
    if (kind == null || kind.type() == null) throw new IllegalArgumentException("kind/type");
    for (ActionKind k : kinds) {
      if (k == kind) return;
      if (k.type() == kind.type()) {
        throw new IllegalArgumentException(kind.type() + " already has a kind: " + k);
      }
    }
    List<ActionKind> next = new ArrayList<ActionKind>(kinds);
    next.add(kind);
    kinds = Collections.unmodifiableList(next);
  }

  /** Every kind, in the order registered. */
  public static List<ActionKind> all() {
    return kinds;
  }

  /** True when {@code type} has a kind, so rules of it can be planned and delivered. */
  public static boolean has(ActionType type) {
    for (ActionKind k : kinds) if (k.type() == type) return true;
    return false;
  }

  /**
   * The kind of {@code type}.
   *
   * @throws IllegalArgumentException when no kind of that type is registered
   */
  public static ActionKind of(ActionType type) {
    for (ActionKind k : kinds) if (k.type() == type) return k;
    throw new IllegalArgumentException("no action kind is registered for " + type);
  }
}

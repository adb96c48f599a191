package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "Apply to past orders" would do, counted before anything is sent: orders and customers
 * selected, orders left out as refunded or test, per action kind the orders it would act on and the
 * actions of that kind already planned in the range (live or by an earlier run; those are skipped
 * when applied), and about how long the sending takes at the account's limit.
 */
public final class PastOrderPreview {
  private final long orders;
  private final long customers;
  private final long refundedLeftOut;
  private final long testLeftOut;
  private final Map<ActionType, Long> ordersByKind;
  private final Map<ActionType, Long> alreadyPlannedByKind;
  private final List<RuleDefinition> rules;
  private final int callsPerWindow;
  private final Duration window;
  private final long computedInMillis;

  PastOrderPreview(
      long orders,
      long customers,
      long refundedLeftOut,
      long testLeftOut,
      Map<ActionType, Long> ordersByKind,
      Map<ActionType, Long> alreadyPlannedByKind,
      List<RuleDefinition> rules,
      int callsPerWindow,
      Duration window,
      long computedInMillis) {
    this.orders = orders;
    this.customers = customers;
    this.refundedLeftOut = refundedLeftOut;
    this.testLeftOut = testLeftOut;
    this.ordersByKind = Collections.unmodifiableMap(copy(ordersByKind));
    this.alreadyPlannedByKind = Collections.unmodifiableMap(copy(alreadyPlannedByKind));
    this.rules = Collections.unmodifiableList(rules);
    this.callsPerWindow = callsPerWindow;
    this.window = window;
    this.computedInMillis = computedInMillis;
  }

  private static Map<ActionType, Long> copy(Map<ActionType, Long> m) {
    Map<ActionType, Long> out = new LinkedHashMap<ActionType, Long>();
    out.putAll(m);
    return out;
  }

  public long orders() {
    return orders;
  }

  public long customers() {
    return customers;
  }

  public long refundedLeftOut() {
    return refundedLeftOut;
  }

  public long testLeftOut() {
    return testLeftOut;
  }

  /** Per action kind of the chosen rules: how many selected orders it acts on. */
  public Map<ActionType, Long> ordersByKind() {
    return ordersByKind;
  }

  /**
   * Per kind: actions already planned for Product Purchased orders of the range in this integration
   * (live, or by an earlier run); an order with one is skipped for that kind. An upper bound of
   * what is skipped: it counts every order of the range, selected or not.
   */
  public Map<ActionType, Long> alreadyPlannedByKind() {
    return alreadyPlannedByKind;
  }

  /** The rules that would apply. */
  public List<RuleDefinition> rules() {
    return rules;
  }

  /** Actions the run would plan at most: the sum of {@link #ordersByKind()}. */
  public long actions() {
    long n = 0;
    for (Long v : ordersByKind.values()) n += v;
    return n;
  }

  /** About how long sending them takes at the account's limit (one call per action). */
  public Duration estimatedDuration() {
    if (callsPerWindow <= 0) return Duration.ZERO;
    long windows = (actions() + callsPerWindow - 1) / callsPerWindow;
    return window.multipliedBy(windows);
  }

  /** How long counting took (the preview must stay fast on large stores). */
  public long computedInMillis() {
    return computedInMillis;
  }

  @Override
  public String toString() {
    return orders
        + " orders, "
        + customers
        + " customers, actions "
        + ordersByKind
        + ", already planned "
        + alreadyPlannedByKind
        + ", left out "
        + refundedLeftOut
        + " refunded and "
        + testLeftOut
        + " test, about "
        + estimatedDuration().toMinutes()
        + " min";
  }
}

package com.ckengine.engine.rules;

import com.ckengine.api.RuleDefinition;
import com.ckengine.api.Trigger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the enabled rules, indexed by trigger and then by product (global rules
 * apart), so evaluating an event costs a few hash look-ups however many rules exist. A change to
 * the rules builds a new index; readers never lock.
 */
public final class RuleIndex {
  private static final RuleIndex EMPTY = new RuleIndex(Collections.<RuleDefinition>emptyList(), 0);

  private final Map<Trigger, ByTrigger> byTrigger = new EnumMap<Trigger, ByTrigger>(Trigger.class);
  private final int size;
  private final long version;

  private RuleIndex(Collection<RuleDefinition> rules, long version) {
    List<RuleDefinition> sorted = new ArrayList<RuleDefinition>();
    for (RuleDefinition r : rules) {
      if (r.isEnabled()) sorted.add(r);
    }
    // Ascending ids make evaluation (and so the log) deterministic.
    Collections.sort(
        sorted,
        new Comparator<RuleDefinition>() {
          @Override
          public int compare(RuleDefinition a, RuleDefinition b) {
            long x = a.id() == null ? Long.MAX_VALUE : a.id();
            long y = b.id() == null ? Long.MAX_VALUE : b.id();
            return x < y ? -1 : x == y ? 0 : 1;
          }
        });
    for (RuleDefinition r : sorted) {
      ByTrigger t = byTrigger.get(r.trigger());
      if (t == null) byTrigger.put(r.trigger(), t = new ByTrigger());
      t.add(r);
    }
    this.size = sorted.size();
    this.version = version;
  }

  /** Indexes the enabled ones among {@code rules}; {@code version} identifies the snapshot. */
  public static RuleIndex of(Collection<RuleDefinition> rules, long version) {
    return new RuleIndex(rules, version);
  }

  public static RuleIndex empty() {
    return EMPTY;
  }

  /** Number of enabled rules held. */
  public int size() {
    return size;
  }

  /** The version it was built from (see {@link RuleService}). */
  public long version() {
    return version;
  }

  List<RuleDefinition> global(Trigger trigger) {
    ByTrigger t = byTrigger.get(trigger);
    return t == null ? Collections.<RuleDefinition>emptyList() : t.global;
  }

  List<RuleDefinition> forProduct(Trigger trigger, long productId) {
    ByTrigger t = byTrigger.get(trigger);
    if (t == null) return Collections.emptyList();
    List<RuleDefinition> l = t.byProduct.get(productId);
    return l == null ? Collections.<RuleDefinition>emptyList() : l;
  }

  private static final class ByTrigger {
    final List<RuleDefinition> global = new ArrayList<RuleDefinition>();
    final Map<Long, List<RuleDefinition>> byProduct = new HashMap<Long, List<RuleDefinition>>();

    void add(RuleDefinition r) {
      if (r.isGlobal()) {
        global.add(r);
        return;
      }
      List<RuleDefinition> l = byProduct.get(r.productId());
      if (l == null) byProduct.put(r.productId(), l = new ArrayList<RuleDefinition>(2));
      l.add(r);
    }
  }
}

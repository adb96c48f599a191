package com.ckengine.admin.screens;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.engine.PastOrderPreview;
import java.util.ArrayList;
import java.util.List;

/**
 * What Preview shows before anything is sent: counts, per action kind, what is left out and why.
 */
public final class PastPreviewView {
  /** One action kind of the chosen rules: the orders it acts on, those already done for. */
  public static final class KindRow {
    private final String action;
    private final long orders;
    private final long alreadyPlanned;

    KindRow(String action, long orders, long alreadyPlanned) {
      this.action = action;
      this.orders = orders;
      this.alreadyPlanned = alreadyPlanned;
    }

    public String getAction() {
      return action;
    }

    public long getOrders() {
      return orders;
    }

    /** Actions of this kind already planned in the range (live or by an earlier run): skipped. */
    public long getAlreadyPlanned() {
      return alreadyPlanned;
    }
  }

  private final PastOrderPreview p;

  PastPreviewView(PastOrderPreview p) {
    this.p = p;
  }

  public long getOrders() {
    return p.orders();
  }

  public long getCustomers() {
    return p.customers();
  }

  public long getRefundedLeftOut() {
    return p.refundedLeftOut();
  }

  public long getTestLeftOut() {
    return p.testLeftOut();
  }

  public long getActions() {
    return p.actions();
  }

  public List<KindRow> getKinds() {
    List<KindRow> out = new ArrayList<KindRow>();
    for (ActionType kind : ActionType.values()) {
      Long orders = p.ordersByKind().get(kind);
      if (orders == null) continue;
      Long planned = p.alreadyPlannedByKind().get(kind);
      out.add(new KindRow(kind.displayName(), orders, planned == null ? 0 : planned));
    }
    return out;
  }

  /**
   * The rules that would apply, one line each: "Rule 4: Add Tag To Subscriber vip (product 12)".
   */
  public List<String> getRules() {
    List<String> out = new ArrayList<String>();
    for (RuleDefinition d : p.rules()) {
      StringBuilder tags = new StringBuilder();
      for (com.ckengine.api.RuleTag t : d.tags()) {
        tags.append(tags.length() == 0 ? " " : ", ").append(t.name());
      }
      out.add(
          "Rule "
              + d.id()
              + ": "
              + d.action().displayName()
              + tags
              + (d.isGlobal() ? " (all products)" : " (product " + d.productId() + ")"));
    }
    return out;
  }

  public String getEstimate() {
    return PastRunRow.duration(p.estimatedDuration());
  }

  public long getComputedInMillis() {
    return p.computedInMillis();
  }
}

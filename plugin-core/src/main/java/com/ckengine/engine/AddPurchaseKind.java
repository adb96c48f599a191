package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.EventLine;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.StoreEvent;
import com.ckengine.engine.rules.Coalesced;
import com.ckengine.engine.rules.PlannedAction;
import com.ckengine.engine.rules.RuleEvaluator;
import com.ckengine.engine.store.PurchaseRecordEntity;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import java.util.List;

/**
 * Add Purchase To ConvertKit: records the event's purchase in Kit once. Never twice: a transaction
 * id already recorded for this integration is skipped; an attempt in doubt (an earlier send whose
 * answer never came, or a worker that stopped mid-call) is first looked up in Kit's purchases, and
 * only a purchase shown absent is sent again.
 */
final class AddPurchaseKind extends ActionKind {
  @Override
  public ActionType type() {
    return ActionType.ADD_PURCHASE;
  }

  /** One purchase per event and integration however many rules ask; none without lines. */
  @Override
  public void plan(
      long integrationId,
      List<RuleDefinition> rules,
      StoreEvent event,
      List<PlannedAction> planned) {
    String skip = event.lines().isEmpty() ? RuleEvaluator.NO_LINES : null;
    planned.add(Coalesced.all(rules).toAction(integrationId, type(), skip));
  }

  @Override
  public String sent(LogEntry e) {
    return "Record a purchase for "
        + e.email()
        + " with transaction id "
        + e.reference()
        + " and the order's lines";
  }

  @Override
  Attempt deliver(Claim c, KitCredential secret, KitCalls calls, DeliveryParts parts) {
    ActionStore store = parts.store;
    PurchaseReconciler reconciler = parts.reconciler;
    String txId =
        c.action.getTrigger().purchaseTransactionId(c.event.getReference(), c.event.getEventKey());
    long integrationId = c.integration.getId();
    PurchaseRecordEntity sent = store.purchaseRecord(integrationId, txId);
    if (sent != null) {
      return Attempt.skip(
          "purchase " + txId + " was already recorded in Kit by action " + sent.getActionId());
    }
    if (c.inDoubt) {
      long floor = c.action.getReconcileFloor() == null ? 0 : c.action.getReconcileFloor();
      PurchaseReconciler.Verdict v = reconciler.find(secret, txId, floor, calls);
      if (v.found()) {
        return Attempt.purchaseRecorded(
            200,
            "purchase " + txId + " was found in Kit (an earlier attempt had recorded it)",
            txId,
            v.kitPurchaseId);
      }
      if (v.failure != null) return Attempt.of(v.failure, null).keepingDoubt(true);
      if (v.undecided != null) return Attempt.fail(v.undecided).keepingDoubt(true);
      // Shown absent: sending is safe.
    }
    List<EventLine> lines = EventRows.lines(c.event);
    if (lines.isEmpty() || c.event.getCurrency() == null) {
      return Attempt.skip(RuleEvaluator.NO_LINES);
    }
    KitResult<KitPurchaseReceipt> r =
        calls.call(
            secret,
            s -> calls.kit().recordPurchase(s, PurchaseMapping.purchase(txId, c.event, lines)));
    if (r.isSuccess()) {
      return Attempt.purchaseRecorded(
          r.httpStatus(), "purchase " + txId + " recorded", txId, r.value().id());
    }
    if (r.outcome() == KitOutcome.UNKNOWN) return Attempt.purchaseInDoubt(r);
    return Attempt.of(r, null);
  }
}

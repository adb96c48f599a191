package com.ckengine.api;

import java.time.Instant;

/**
 * Asked by the engine at the moment a {@linkplain Trigger#isDelayed() delayed} action comes due,
 * just before it is delivered: does what the event said still hold? For Prospect Created the host
 * answers whether the cart was bought, or its email completed an order, since the prospect
 * appeared. Checking when the action is due (not only cancelling when the store notices) means a
 * purchase that lands while the action is being claimed, or before the prospect was even recorded,
 * still prevents it.
 *
 * <p>Called on a delivery thread, never on a request thread. An exception means "cannot tell now":
 * the action is retried later, never delivered on a guess.
 */
public interface DeliveryGuard {

  /** A guard that never objects. */
  DeliveryGuard NONE = (trigger, reference, email, occurredAt) -> null;

  /**
   * @param trigger the event's trigger (a delayed one)
   * @param reference the event's reference (for Prospect Created, the cart's order number or id)
   * @param email the event's email address
   * @param occurredAt when the event happened in the store
   * @return null to deliver; otherwise why the action must not be delivered (shown in the log, and
   *     the action is cancelled)
   */
  String vetoReason(Trigger trigger, String reference, String email, Instant occurredAt);
}

package com.ckengine.admin.order;

/**
 * Whether the order an event reported still exists. An event of an order that could not be stored
 * is published again by the sweep, which reads the order anew; when the order was deleted there is
 * nothing left to read, and the operator may dismiss the event.
 */
public interface StoreOrders {
  /**
   * True when the store has the order with this event reference: its order number, or {@code
   * id-<order id>} for an order that has no number.
   */
  boolean exists(String reference);
}

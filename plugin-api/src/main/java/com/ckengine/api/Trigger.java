package com.ckengine.api;

/**
 * What happened in the store. A rule fires for one trigger; every {@link StoreEvent} carries
 * exactly one.
 */
public enum Trigger {
  //                          name shown to operators,      reference names, purchase, delayed
  PRODUCT_PURCHASED("Product Purchased", Reference.ORDER, Purchase.ORDER_NUMBER, false),
  PRODUCT_REFUNDED("Product Refunded", Reference.ORDER, Purchase.NEVER, false),
  PRODUCT_PARTIALLY_REFUNDED("Product Partially Refunded", Reference.ORDER, Purchase.NEVER, false),
  /** A cart got an email address and products but has not been bought (yet): cart abandonment. */
  PROSPECT_CREATED("Prospect Created", Reference.ORDER, Purchase.NEVER, true),
  SUBSCRIPTION_CANCELED("Subscription Canceled", Reference.SUBSCRIPTION, Purchase.NEVER, false),
  SUBSCRIPTION_CHARGE_FAILED(
      "Subscription Charge Failed", Reference.SUBSCRIPTION, Purchase.NEVER, false),
  /**
   * Each successful charge; its event key is the charge id, which a purchase uses as transaction
   * id.
   */
  SUBSCRIPTION_CHARGED("Subscription Charged", Reference.SUBSCRIPTION, Purchase.EVENT_KEY, false),
  SUBSCRIPTION_DELINQUENT("Subscription Delinquent", Reference.SUBSCRIPTION, Purchase.NEVER, false),
  SUBSCRIPTION_RECOVERED("Subscription Recovered", Reference.SUBSCRIPTION, Purchase.NEVER, false),
  SUBSCRIPTION_RESTARTED("Subscription Restarted", Reference.SUBSCRIPTION, Purchase.NEVER, false);

  /** What an event's {@link StoreEvent#reference() reference} names. */
  private enum Reference {
    ORDER,
    SUBSCRIPTION
  }

  /** Whether Add Purchase makes sense, and which of the event's values is Kit's transaction id. */
  private enum Purchase {
    NEVER,
    ORDER_NUMBER,
    EVENT_KEY
  }

  private final String displayName;
  private final Reference reference;
  private final Purchase purchase;
  private final boolean delayed;

  Trigger(String displayName, Reference reference, Purchase purchase, boolean delayed) {
    this.displayName = displayName;
    this.reference = reference;
    this.purchase = purchase;
    this.delayed = delayed;
  }

  /** The name an operator sees, e.g. "Product Purchased". */
  public String displayName() {
    return displayName;
  }

  /** True for the triggers whose reference is an order number (the others name a subscription). */
  public boolean isOrderTrigger() {
    return reference == Reference.ORDER;
  }

  /**
   * True when a rule of this trigger may use {@code action}. Add Purchase only fits triggers where
   * money was taken: a purchase (Product Purchased) or a renewal charge (Subscription Charged).
   */
  public boolean allows(ActionType action) {
    return action != ActionType.ADD_PURCHASE || purchase != Purchase.NEVER;
  }

  /**
   * True when the trigger's actions are not delivered at once but after a delay (Prospect Created:
   * {@code ckengine.prospect.delayMinutes}), and are checked again when they come due.
   */
  public boolean isDelayed() {
    return delayed;
  }

  /**
   * The transaction id of the purchase that Add Purchase records in Kit for an event with this
   * {@code reference} and {@code eventKey}: the order number (its reference) for Product Purchased,
   * the charge id (its event key) for Subscription Charged.
   *
   * @throws IllegalStateException for a trigger that records no purchase
   */
  public String purchaseTransactionId(String reference, String eventKey) {
    switch (purchase) {
      case ORDER_NUMBER:
        return reference;
      case EVENT_KEY:
        return eventKey;
      default:
        throw new IllegalStateException(displayName + " records no purchase");
    }
  }
}

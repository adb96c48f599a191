package com.ckengine.api;

/**
 * What happened in the store. A rule fires for one trigger; every {@link StoreEvent} carries
 * exactly one.
 */
public enum Trigger {
  //                          name shown to operators,      reference names, purchase, delayed
  PRODUCT_PURCHASED("Product Purchased", Reference.ORDER, Purchase.ORDER_NUMBER, false),
  /**
   * A product added to an order after it was submitted (a one-click offer on the confirmation
   * page): one event per added line, never part of the order's Product Purchased. Its event key is
   * {@code order:<number>:added:<line id>}; a purchase's transaction id is {@code
   * <number>-add-<line id>}.
   */
  PRODUCT_ADDED_TO_ORDER("Product Added to Order", Reference.ORDER, Purchase.ADDED_LINE, false),
  PRODUCT_REFUNDED("Product Refunded", Reference.ORDER, Purchase.NEVER, false),
  PRODUCT_PARTIALLY_REFUNDED("Product Partially Refunded", Reference.ORDER, Purchase.NEVER, false),
  /** A cart got an email address and products but has not been bought (yet): cart abandonment. */
  PROSPECT_CREATED("Prospect Created", Reference.ORDER, Purchase.NEVER, true),
  /**
   * The first successful recurring charge of a subscription, once per subscription; its event key
   * is {@code <chargeId>:started}, and a purchase's transaction id is that charge id (the same
   * purchase as the charge's Subscription Charged).
   */
  SUBSCRIPTION_STARTED(
      "Subscription Started", Reference.SUBSCRIPTION, Purchase.STARTED_CHARGE, false),
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
  SUBSCRIPTION_RESTARTED("Subscription Restarted", Reference.SUBSCRIPTION, Purchase.NEVER, false),
  /**
   * A payment plan's last charge went through: the subscription is complete (its fixed number of
   * payments made). Fires once, after that charge's Subscription Charged; key {@code
   * <chargeId>:completed}.
   */
  SUBSCRIPTION_COMPLETED("Subscription Completed", Reference.SUBSCRIPTION, Purchase.NEVER, false);

  /** The event key suffix of Subscription Started after the first charge's id. */
  public static final String STARTED_KEY_SUFFIX = ":started";

  /** What comes between an order number and an added line's id in Product Added to Order's key. */
  public static final String ADDED_KEY_INFIX = ":added:";

  /** What an event's {@link StoreEvent#reference() reference} names. */
  private enum Reference {
    ORDER,
    SUBSCRIPTION
  }

  /** Whether Add Purchase makes sense, and which of the event's values is Kit's transaction id. */
  private enum Purchase {
    NEVER,
    ORDER_NUMBER,
    EVENT_KEY,
    /** The charge id the event key starts with: {@code <chargeId>:started}. */
    STARTED_CHARGE,
    /** The order number and the added line: {@code <number>-add-<line id>}. */
    ADDED_LINE
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
   * True when a rule of this trigger may use {@code action}: each kind says where it is allowed
   * ({@link ActionType#refusal}). Add Purchase only fits triggers where money was taken.
   */
  public boolean allows(ActionType action) {
    return action.refusal(this) == null;
  }

  /**
   * True where money was taken, so there is a purchase to record: a purchase (Product Purchased), a
   * line added to an order (Product Added to Order), a renewal charge (Subscription Charged, and
   * Subscription Started for the first one).
   */
  public boolean recordsPurchases() {
    return purchase != Purchase.NEVER;
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
   * the charge id (its event key) for Subscription Charged, the first charge's id (its key without
   * {@value #STARTED_KEY_SUFFIX}) for Subscription Started, and {@code <order number>-add-<line
   * id>} for Product Added to Order, so an added line is a purchase of its own in Kit.
   *
   * @throws IllegalStateException for a trigger that records no purchase
   */
  public String purchaseTransactionId(String reference, String eventKey) {
    switch (purchase) {
      case ORDER_NUMBER:
        return reference;
      case EVENT_KEY:
        return eventKey;
      case STARTED_CHARGE:
        if (!eventKey.endsWith(STARTED_KEY_SUFFIX)) break;
        return eventKey.substring(0, eventKey.length() - STARTED_KEY_SUFFIX.length());
      case ADDED_LINE:
        int at = eventKey.lastIndexOf(ADDED_KEY_INFIX);
        if (at < 0) break;
        return reference + "-add-" + eventKey.substring(at + ADDED_KEY_INFIX.length());
      default:
        throw new IllegalStateException(displayName + " records no purchase");
    }
    throw new IllegalArgumentException(
        "event key '" + eventKey + "' is not a " + displayName + " key");
  }
}

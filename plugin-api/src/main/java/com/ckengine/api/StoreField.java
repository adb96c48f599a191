package com.ckengine.api;

/**
 * A fact about the customer the store knows and an operator can send to one of the Kit account's
 * custom fields (mapped per integration). The host fills the customer's facts on the {@link
 * StoreEvent} ({@link StoreEvent.Builder#customerFact}); the engine fills {@link #PRODUCT_BOUGHT}
 * from the event's lines. The names are stored: never rename one.
 */
public enum StoreField {
  LAST_NAME("Last name", true),
  PHONE("Phone", true),
  BILLING_CITY("Billing city", true),
  BILLING_COUNTRY("Billing country", true),
  /** The customer's submitted orders, this one included, as a whole number. */
  ORDER_COUNT("Order count", true),
  /** What the customer's submitted orders came to, this one included, e.g. {@code 129.90}. */
  TOTAL_SPENT("Total spent", true),
  /** The names of the event's products (its main lines), comma separated. */
  PRODUCT_BOUGHT("Product just bought", false);

  /** Longest value sent; longer ones are cut (a Kit field holds text, and events stay small). */
  public static final int MAX_VALUE_LENGTH = 255;

  private final String label;
  private final boolean fromHost;

  StoreField(String label, boolean fromHost) {
    this.label = label;
    this.fromHost = fromHost;
  }

  /** The name operators see ("Billing city"). */
  public String label() {
    return label;
  }

  /** Whether the host gives the value on the event; false when the engine derives it. */
  public boolean fromHost() {
    return fromHost;
  }

  /** The field of this name, or null when none is (what a browser posted, a stored row). */
  public static StoreField named(String name) {
    if (name == null) return null;
    for (StoreField f : values()) {
      if (f.name().equals(name)) return f;
    }
    return null;
  }
}

package com.ckengine.api;

/** Why a line is on an order; lets rules and reports tell the main product from add-ons. */
public enum LineRole {
  PRIMARY("Primary"),
  UPSELL("Upsell"),
  ORDER_BUMP("Order Bump"),
  PAYMENT_OPTION("Payment Option");

  private final String displayName;

  LineRole(String displayName) {
    this.displayName = displayName;
  }

  /** The name an operator sees. */
  public String displayName() {
    return displayName;
  }
}

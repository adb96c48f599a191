package com.ckengine.demo.store;

/**
 * The role a line plays in an order, stored on the order item as the attribute {@link #ATTRIBUTE}
 * so that integrations can tell a primary purchase from an order bump.
 */
public final class LineRole {
  /** Order item attribute holding the role. */
  public static final String ATTRIBUTE = "lineRole";

  public static final String PRIMARY = "PRIMARY";
  public static final String ORDER_BUMP = "ORDER_BUMP";

  private LineRole() {}
}

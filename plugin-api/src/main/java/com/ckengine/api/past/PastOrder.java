package com.ckengine.api.past;

import com.ckengine.api.StoreEvent;

/**
 * One past order as the host reads it: its place in the selection's order, and the Product
 * Purchased event its live path publishes (the same builder, so the same event key and lines), or
 * why no event can be made of it (no email address, no lines).
 */
public final class PastOrder {
  private final String position;
  private final StoreEvent event;
  private final String reference;
  private final String problem;

  private PastOrder(String position, StoreEvent event, String reference, String problem) {
    if (position == null) throw new NullPointerException("position");
    this.position = position;
    this.event = event;
    this.reference = reference;
    this.problem = problem;
  }

  /** An order whose live Product Purchased event is {@code event}. */
  public static PastOrder of(String position, StoreEvent event) {
    if (event == null) throw new NullPointerException("event");
    return new PastOrder(position, event, event.reference(), null);
  }

  /** An order no valid event can be made of; the run counts it and goes on. */
  public static PastOrder unusable(String position, String reference, String problem) {
    if (problem == null) throw new NullPointerException("problem");
    return new PastOrder(position, null, reference, problem);
  }

  /** Where the order stands in the selection's order; the next page starts after it. */
  public String position() {
    return position;
  }

  /** The order's live event, or null when {@link #problem} says why there is none. */
  public StoreEvent event() {
    return event;
  }

  /** The order number. */
  public String reference() {
    return reference;
  }

  public String problem() {
    return problem;
  }
}

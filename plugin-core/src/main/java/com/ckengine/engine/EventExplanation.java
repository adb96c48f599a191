package com.ckengine.engine;

import com.ckengine.api.Trigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Logs' "Why?" for one stored event: the event, then a verdict per rule. Immutable. */
public final class EventExplanation {
  private final long eventId;
  private final Trigger trigger;
  private final String reference;
  private final Instant receivedAt;
  private final boolean test;
  private final String products;
  private final String summary;
  private final List<RuleVerdict> rules;

  EventExplanation(
      long eventId,
      Trigger trigger,
      String reference,
      Instant receivedAt,
      boolean test,
      String products,
      String summary,
      List<RuleVerdict> rules) {
    this.eventId = eventId;
    this.trigger = trigger;
    this.reference = reference;
    this.receivedAt = receivedAt;
    this.test = test;
    this.products = products;
    this.summary = summary;
    this.rules = Collections.unmodifiableList(new ArrayList<RuleVerdict>(rules));
  }

  public long eventId() {
    return eventId;
  }

  public Trigger trigger() {
    return trigger;
  }

  /** The order number or subscription id. */
  public String reference() {
    return reference;
  }

  /** When the engine stored the event. */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** A test order: processed like any other, rules do not tell them apart. */
  public boolean isTest() {
    return test;
  }

  /** The event's products as stored, e.g. "Course (product 7), Book (product 9)"; "" for none. */
  public String products() {
    return products;
  }

  /**
   * A sentence about the event as a whole, or null: "No rule of Product Purchased exists" when the
   * trigger has no rule at all, now or recorded.
   */
  public String summary() {
    return summary;
  }

  /** One verdict per rule of the event's trigger, now or as recorded on its actions, by rule id. */
  public List<RuleVerdict> rules() {
    return rules;
  }
}

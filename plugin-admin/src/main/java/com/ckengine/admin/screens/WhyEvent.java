package com.ckengine.admin.screens;

import com.ckengine.engine.EventExplanation;
import com.ckengine.engine.RuleVerdict;
import java.util.ArrayList;
import java.util.List;

/** One event of Logs' "Why?": what it was, then a line per rule. */
public final class WhyEvent {
  private final EventExplanation e;
  private final List<WhyRule> rules = new ArrayList<WhyRule>();

  WhyEvent(EventExplanation e) {
    this.e = e;
    for (RuleVerdict v : e.rules()) rules.add(new WhyRule(v));
  }

  public long getEventId() {
    return e.eventId();
  }

  public String getTrigger() {
    return e.trigger().displayName();
  }

  /** "order 1001" or "subscription sub_7". */
  public String getReference() {
    return (e.trigger().isOrderTrigger() ? "order " : "subscription ") + e.reference();
  }

  /** The order number or subscription id alone (for the search link). */
  public String getReferenceValue() {
    return e.reference();
  }

  public String getTime() {
    return Times.format(e.receivedAt());
  }

  public boolean isTest() {
    return e.isTest();
  }

  /** "Course (product 7), Book (product 9)"; empty when the event has no products. */
  public String getProducts() {
    return e.products();
  }

  /** A sentence about the event as a whole, or null. */
  public String getSummary() {
    return e.summary();
  }

  public List<WhyRule> getRules() {
    return rules;
  }
}

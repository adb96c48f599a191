package com.ckengine.admin.screens;

import com.ckengine.engine.EventExplanation;
import com.ckengine.engine.Explanation;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogExplainer;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs' "Why?" section for the email searched: the engine's explanation ({@link LogExplainer}) as
 * the page shows it, one block per event and a line per rule, with where to fix it. Every text here
 * is data (the customer's email, product names, Kit's messages): the page prints it escaped.
 */
public final class WhyNoTag {
  private final String email;
  private final List<WhyEvent> events;
  private final boolean moreEvents;
  private final List<String> noEventReasons;

  private WhyNoTag(Explanation x) {
    this.email = x.email();
    this.events = new ArrayList<WhyEvent>();
    for (EventExplanation e : x.events()) events.add(new WhyEvent(e));
    this.moreEvents = x.hasMoreEvents();
    this.noEventReasons = x.noEventReasons();
  }

  /** The explanation for {@code email}, or null when no email was searched. */
  public static WhyNoTag of(IntegrationEngine engine, String email) {
    if (email == null || email.trim().isEmpty()) return null;
    return new WhyNoTag(engine.explainer().explain(email));
  }

  public String getEmail() {
    return email;
  }

  /** Newest first. */
  public List<WhyEvent> getEvents() {
    return events;
  }

  /** The email has older events than those shown. */
  public boolean isMoreEvents() {
    return moreEvents;
  }

  /** How many of the latest events are explained at most. */
  public int getEventLimit() {
    return LogExplainer.MAX_EVENTS;
  }

  /** When the log has no event of the email: the likely reasons, most likely first. */
  public List<String> getNoEventReasons() {
    return noEventReasons;
  }
}

package com.ckengine.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Logs' "Why?" for one email ({@link LogExplainer#explain}): each of its latest events with a
 * verdict per rule, or, when the log has none, the likely reasons and the events of that email that
 * could not be stored. Immutable.
 */
public final class Explanation {
  private final String email;
  private final List<EventExplanation> events;
  private final boolean moreEvents;
  private final List<String> noEventReasons;
  private final List<UnstoredEvent> unstored;

  Explanation(
      String email,
      List<EventExplanation> events,
      boolean moreEvents,
      List<String> noEventReasons,
      List<UnstoredEvent> unstored) {
    this.email = email;
    this.events = Collections.unmodifiableList(new ArrayList<EventExplanation>(events));
    this.moreEvents = moreEvents;
    this.noEventReasons = Collections.unmodifiableList(new ArrayList<String>(noEventReasons));
    this.unstored = Collections.unmodifiableList(new ArrayList<UnstoredEvent>(unstored));
  }

  public String email() {
    return email;
  }

  /** The email's events, newest first, at most {@link LogExplainer#MAX_EVENTS}. */
  public List<EventExplanation> events() {
    return events;
  }

  /** Whether the email has older events than those explained. */
  public boolean hasMoreEvents() {
    return moreEvents;
  }

  /** When the log has no event of the email: why that may be, most likely first; else empty. */
  public List<String> noEventReasons() {
    return noEventReasons;
  }

  /** Events of this email the database refused (they wait in "Not stored"), newest try first. */
  public List<UnstoredEvent> unstored() {
    return unstored;
  }
}

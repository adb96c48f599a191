package com.ckengine.api.subscription;

import com.ckengine.api.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the plugin made of one reported fact: applied (and which triggers it fired), recognised as
 * already reported, or ignored because it no longer fits the subscription (with the reason), plus
 * the subscription's status afterwards.
 */
public final class FactResult {
  /** How the fact was taken. */
  public enum Outcome {
    /** Recorded; {@link #triggers()} were published (possibly none). */
    APPLIED,
    /** The same fact (same subscription id, or same charge id) was reported before: no-op. */
    DUPLICATE,
    /**
     * Recorded for the record but changed nothing, e.g. a failure reported after the cancel: see
     * {@link #note()}.
     */
    IGNORED
  }

  private final Outcome outcome;
  private final List<Trigger> triggers;
  private final SubscriptionStatus status;
  private final String note;

  public FactResult(
      Outcome outcome, List<Trigger> triggers, SubscriptionStatus status, String note) {
    if (outcome == null || status == null) throw new NullPointerException("outcome/status");
    this.outcome = outcome;
    this.triggers =
        Collections.unmodifiableList(
            new ArrayList<Trigger>(triggers == null ? Collections.<Trigger>emptyList() : triggers));
    this.status = status;
    this.note = note;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** The triggers this fact fired, in the order they were published; empty unless APPLIED. */
  public List<Trigger> triggers() {
    return triggers;
  }

  /** The subscription's status after the fact. */
  public SubscriptionStatus status() {
    return status;
  }

  /** Why a fact was ignored or a duplicate, or what it did; may be null. */
  public String note() {
    return note;
  }

  @Override
  public String toString() {
    return "FactResult{"
        + outcome
        + ", fired="
        + triggers
        + ", status="
        + status
        + (note == null ? "" : ", " + note)
        + "}";
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.Trigger;
import java.time.Instant;

/**
 * What to look for in the integration log. Every criterion is optional and they combine with AND;
 * results come newest first, a page at a time. Pages follow each other by a cursor (the position of
 * the last entry seen, {@link LogPage#nextCursor()}), not an offset: rows that arrive while an
 * operator pages never shift or repeat entries. Immutable; build with {@link #builder()}.
 */
public final class LogQuery {
  /** Largest page served. */
  public static final int MAX_PAGE_SIZE = 200;

  final String email;
  final String reference;
  final String tag;
  final ActionStatus status;
  final Trigger trigger;
  final ActionType action;
  final Long integrationId;
  final Instant from;
  final Instant to;
  final Boolean test;
  final Boolean pastOrders;
  final Long pastRunId;
  final LogCursor after;
  final int pageSize;

  private LogQuery(Builder b) {
    this.email = b.email;
    this.reference = b.reference;
    this.tag = b.tag;
    this.status = b.status;
    this.trigger = b.trigger;
    this.action = b.action;
    this.integrationId = b.integrationId;
    this.from = b.from;
    this.to = b.to;
    this.test = b.test;
    this.pastOrders = b.pastOrders;
    this.pastRunId = b.pastRunId;
    this.after = b.after;
    this.pageSize = b.pageSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Everything, first page. */
  public static LogQuery all() {
    return builder().build();
  }

  /** Where the page starts: after this entry; null for the newest. */
  public LogCursor after() {
    return after;
  }

  public int pageSize() {
    return pageSize;
  }

  /** Builds a {@link LogQuery}. */
  public static final class Builder {
    private String email;
    private String reference;
    private String tag;
    private ActionStatus status;
    private Trigger trigger;
    private ActionType action;
    private Long integrationId;
    private Instant from;
    private Instant to;
    private Boolean test;
    private Boolean pastOrders;
    private Long pastRunId;
    private LogCursor after;
    private int pageSize = 50;

    private Builder() {}

    /** Exact subscriber email, case ignored. */
    public Builder email(String email) {
      this.email = blankToNull(email);
      return this;
    }

    /** Exact order number or subscription id. */
    public Builder reference(String reference) {
      this.reference = blankToNull(reference);
      return this;
    }

    /** Actions naming this tag, case ignored. */
    public Builder tag(String tag) {
      this.tag = blankToNull(tag);
      return this;
    }

    public Builder status(ActionStatus status) {
      this.status = status;
      return this;
    }

    public Builder trigger(Trigger trigger) {
      this.trigger = trigger;
      return this;
    }

    /** Only actions of this kind (Add Tag, Add Subscriber To Form...). */
    public Builder action(ActionType action) {
      this.action = action;
      return this;
    }

    public Builder integrationId(Long integrationId) {
      this.integrationId = integrationId;
      return this;
    }

    /** Received at or after {@code from}. */
    public Builder from(Instant from) {
      this.from = from;
      return this;
    }

    /** Received before {@code to}. */
    public Builder to(Instant to) {
      this.to = to;
      return this;
    }

    /** Only actions of past-orders runs (true) or only live ones (false); null for both. */
    public Builder pastOrders(Boolean pastOrders) {
      this.pastOrders = pastOrders;
      return this;
    }

    /** Only the actions of one past-orders run. */
    public Builder pastRun(Long runId) {
      this.pastRunId = runId;
      return this;
    }

    /** Only test (true) or only real (false) orders; null for both. */
    public Builder test(Boolean test) {
      this.test = test;
      return this;
    }

    /** The page after the one that gave this cursor ({@link LogPage#nextCursor()}). */
    public Builder after(LogCursor cursor) {
      this.after = cursor;
      return this;
    }

    /** 1 to {@link #MAX_PAGE_SIZE}; default 50. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_PAGE_SIZE);
      }
      this.pageSize = pageSize;
      return this;
    }

    public LogQuery build() {
      return new LogQuery(this);
    }

    private static String blankToNull(String s) {
      return s == null || s.trim().isEmpty() ? null : s.trim();
    }
  }
}

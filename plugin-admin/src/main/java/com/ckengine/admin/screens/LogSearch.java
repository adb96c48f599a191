package com.ckengine.admin.screens;

import com.ckengine.api.ActionType;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.IntegrationEngine;
import com.ckengine.engine.LogCursor;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogPage;
import com.ckengine.engine.LogQuery;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The Logs tab: search, page, open an entry, retry a failed one. */
public final class LogSearch {
  /** Entries per page. */
  public static final int PAGE_SIZE = 25;

  /** The only date form the filters take: a four-digit year, month and day. */
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** One page of results, or the reasons the search could not run. */
  public static final class Page {
    private final List<LogRow> rows;
    private final boolean hasMore;
    private final boolean newest;
    private final String nextCursor;
    private final FieldErrors errors;
    private final String emptyReason;

    Page(
        List<LogRow> rows,
        boolean newest,
        String nextCursor,
        FieldErrors errors,
        String emptyReason) {
      this.rows = rows;
      this.hasMore = nextCursor != null;
      this.newest = newest;
      this.nextCursor = nextCursor;
      this.errors = errors;
      this.emptyReason = emptyReason;
    }

    public List<LogRow> getRows() {
      return rows;
    }

    public boolean isHasMore() {
      return hasMore;
    }

    /** True on the first page (the newest entries). */
    public boolean isNewest() {
      return newest;
    }

    /** Where the Older link continues; null on the last page. */
    public String getNextCursor() {
      return nextCursor;
    }

    public FieldErrors getErrors() {
      return errors;
    }

    /** When nothing matched: why, in the operator's terms. */
    public String getEmptyReason() {
      return emptyReason;
    }
  }

  private final IntegrationEngine engine;

  public LogSearch(IntegrationEngine engine) {
    this.engine = engine;
  }

  public Page search(LogSearchForm f) {
    FieldErrors errors = new FieldErrors();
    LogQuery.Builder q = LogQuery.builder().pageSize(PAGE_SIZE);
    boolean newest = blank(f.getAfter());
    if (!newest) {
      try {
        q.after(LogCursor.parse(f.getAfter().trim()));
      } catch (IllegalArgumentException e) {
        newest = true; // a mangled link: start from the newest
      }
    }
    q.email(f.getEmail()).reference(f.getReference()).tag(f.getTag());
    if (!blank(f.getStatus())) {
      try {
        q.status(ActionStatus.valueOf(f.getStatus().trim()));
      } catch (IllegalArgumentException e) {
        errors.add("status", "Choose a status from the list");
      }
    }
    if (!blank(f.getTrigger())) {
      try {
        q.trigger(Trigger.valueOf(f.getTrigger().trim()));
      } catch (IllegalArgumentException e) {
        errors.add("trigger", "Choose a trigger from the list");
      }
    }
    if (!blank(f.getAction())) {
      try {
        q.action(ActionType.valueOf(f.getAction().trim()));
      } catch (IllegalArgumentException e) {
        errors.add("action", "Choose an action from the list");
      }
    }
    if (!blank(f.getIntegrationId())) {
      try {
        q.integrationId(Long.valueOf(f.getIntegrationId().trim()));
      } catch (NumberFormatException e) {
        errors.add("integrationId", "Choose an integration from the list");
      }
    }
    origin(f.getOrigin(), q, errors);
    LocalDate from = date(f.getFrom(), "from", errors);
    LocalDate to = date(f.getTo(), "to", errors);
    if (from != null && to != null && to.isBefore(from)) {
      errors.add("to", "The end date is before the start date");
    }
    if (from != null) q.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    // "To" includes the whole day.
    if (to != null) q.to(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    if (!errors.isEmpty()) {
      return new Page(new ArrayList<LogRow>(), newest, null, errors, null);
    }
    LogPage page = engine.log().search(q.build());
    List<LogRow> rows = new ArrayList<LogRow>();
    for (LogEntry e : page.entries()) rows.add(new LogRow(e));
    String why = null;
    if (rows.isEmpty()) {
      why =
          !blank(f.getEmail())
              ? "Nothing was logged for "
                  + f.getEmail().trim()
                  + " with these filters. "
                  + "An event no rule matched is logged as SKIPPED (\"no rule matched\"); with no entry "
                  + "at all, no store event with this email reached the plugin (or the entry is older "
                  + "than the log keeps)."
              : "No entry matches these filters.";
    }
    return new Page(
        rows, newest, page.nextCursor() == null ? null : page.nextCursor().toString(), errors, why);
  }

  /** The entry with this action id, or null. */
  public LogRow entry(long actionId) {
    LogEntry e = engine.log().entry(actionId);
    return e == null ? null : new LogRow(e);
  }

  /** Sends a FAILED entry again; null when done, else why not. */
  public String retry(long actionId) {
    LogEntry e = engine.log().entry(actionId);
    if (e == null) return "That log entry no longer exists";
    if (e.status() != ActionStatus.FAILED) {
      return "Only FAILED entries can be retried; this one is " + e.status();
    }
    return engine.logActions().retry(actionId)
        ? null
        : "The entry changed meanwhile; reload the page";
  }

  /** Sends a FAILED purchase in doubt without a look-up in Kit; null when done, else why not. */
  public String sendAnyway(long actionId) {
    LogEntry e = engine.log().entry(actionId);
    if (e == null) return "That log entry no longer exists";
    if (!e.canSendAnyway()) {
      return "Only a FAILED purchase that Kit may or may not have can be sent anyway; this entry is "
          + e.status();
    }
    return engine.logActions().sendAnyway(actionId)
        ? null
        : "The entry changed meanwhile; reload the page";
  }

  /** The origin filter: live events only, past-orders runs only, or one run. */
  private static void origin(String raw, LogQuery.Builder q, FieldErrors errors) {
    if (blank(raw)) return;
    String o = raw.trim();
    if (o.equals("live")) {
      q.pastOrders(false);
    } else if (o.equals("past")) {
      q.pastOrders(true);
    } else if (o.startsWith("run:") && PastOrdersScreen.id(o.substring(4)) != null) {
      q.pastRun(PastOrdersScreen.id(o.substring(4)));
    } else {
      errors.add("origin", "Choose an origin from the list");
    }
  }

  /**
   * A date filter as typed: YYYY-MM-DD with a four-digit year. ISO also reads years like {@code
   * +999999999}, whose instants do not fit the log's epoch-millisecond times (nor the day after
   * {@code to}), so anything but four digits is refused here with the expected form.
   */
  private static LocalDate date(String raw, String field, FieldErrors errors) {
    if (blank(raw)) return null;
    String text = raw.trim();
    if (DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        // Four digits but no such day (2024-02-30): the same message.
      }
    }
    errors.add(field, "Write the date as YYYY-MM-DD, e.g. 2024-03-31");
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.trim().isEmpty();
  }
}

package com.ckengine.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of log entries, newest first. Says whether a next page exists instead of counting every
 * match: a count over a million rows costs more than the page itself.
 */
public final class LogPage {
  private final List<LogEntry> entries;
  private final LogCursor nextCursor;

  LogPage(List<LogEntry> entries, LogCursor nextCursor) {
    this.entries = Collections.unmodifiableList(new ArrayList<LogEntry>(entries));
    this.nextCursor = nextCursor;
  }

  public List<LogEntry> entries() {
    return entries;
  }

  public boolean hasMore() {
    return nextCursor != null;
  }

  /** Where the next page starts ({@link LogQuery.Builder#after}); null on the last page. */
  public LogCursor nextCursor() {
    return nextCursor;
  }
}

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
  private final int page;
  private final boolean hasMore;

  LogPage(List<LogEntry> entries, int page, boolean hasMore) {
    this.entries = Collections.unmodifiableList(new ArrayList<LogEntry>(entries));
    this.page = page;
    this.hasMore = hasMore;
  }

  public List<LogEntry> entries() {
    return entries;
  }

  public int page() {
    return page;
  }

  public boolean hasMore() {
    return hasMore;
  }
}

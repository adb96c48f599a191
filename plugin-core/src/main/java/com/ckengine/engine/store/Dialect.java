package com.ckengine.engine.store;

import java.util.Locale;

/**
 * What the engine does differently on each database, in one place, chosen once from the JDBC
 * driver's product name ({@link Jpa#dialect()}). Everything else the engine writes is JPQL or SQL
 * that every supported database reads alike. PostgreSQL and HSQLDB (the embedded database) are the
 * supported ones; on any other the engine still runs, with the node's clock instead of the
 * database's and without the search tuning.
 */
public enum Dialect {
  POSTGRESQL(
      "select cast(extract(epoch from clock_timestamp()) * 1000 as bigint)",
      // A log search reads one index backwards and stops after a page: parallel workers only add
      // their start-up (tens of milliseconds on a small server). For the search's transaction only.
      "set local max_parallel_workers_per_gather = 0"),
  HSQLDB("values(unix_millis())", null),
  OTHER(null, null);

  private final String nowMillis;
  private final String beforeLogSearch;

  Dialect(String nowMillis, String beforeLogSearch) {
    this.nowMillis = nowMillis;
    this.beforeLogSearch = beforeLogSearch;
  }

  /**
   * A native query for the database's own time in UTC epoch milliseconds (one BIGINT), or null when
   * the database has none the engine knows.
   */
  public String nowMillisQuery() {
    return nowMillis;
  }

  /** A native statement to run first in a log search's transaction, or null. */
  public String beforeLogSearch() {
    return beforeLogSearch;
  }

  /** The dialect of a JDBC product name ("PostgreSQL", "HSQL Database Engine", ...). */
  public static Dialect of(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgres")) return POSTGRESQL;
    if (p.contains("hsql")) return HSQLDB;
    return OTHER;
  }
}

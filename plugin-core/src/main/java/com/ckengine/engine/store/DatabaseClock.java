package com.ckengine.engine.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The engine's one clock: the database's, read as UTC epoch milliseconds. Leases, claims and due
 * times are compared by several nodes, so they must come from one clock; a node whose own clock is
 * minutes off, or in another time zone, or crossing a daylight-saving change, still agrees with the
 * others.
 *
 * <p>Reading the database on every call would cost a round trip, so the clock measures the offset
 * between the database and the node clock it is given, and re-measures it every {@code
 * resyncMillis} (a node clock stepped by NTP is corrected at the next resync). The offset is taken
 * at the middle of the query's round trip, so its error is at most half a round trip.
 *
 * <p>The query is the {@link Dialect}'s ({@code clock_timestamp()} on PostgreSQL, {@code
 * unix_millis()} on HSQLDB). On any other database it falls back to the node clock, and says so
 * once: then the nodes' clocks must be kept in sync (NTP).
 */
public final class DatabaseClock extends Clock {
  private static final Log LOG = LogFactory.getLog(DatabaseClock.class);

  private final Jpa jpa;
  private final Clock node;
  private final long resyncMillis;
  private volatile boolean fallback;
  private volatile long offsetMillis;
  private volatile boolean synced;
  private volatile long syncedAtNodeMillis;
  private final java.util.concurrent.atomic.AtomicLong last =
      new java.util.concurrent.atomic.AtomicLong();

  public DatabaseClock(EntityManagerFactory emf, Clock node, long resyncMillis) {
    this.jpa = new Jpa(emf);
    this.node = node;
    this.resyncMillis = resyncMillis;
  }

  @Override
  public long millis() {
    long local = node.millis();
    if (!fallback
        && (!synced || local - syncedAtNodeMillis >= resyncMillis || local < syncedAtNodeMillis)) {
      resync();
      local = node.millis();
    }
    // Never backwards: a resync may move the offset by a few milliseconds either way.
    long t = local + offsetMillis;
    return last.accumulateAndGet(t, Math::max);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the engine's clock is UTC");
  }

  /** The current offset of the database clock from the node clock, in milliseconds. */
  public long offsetMillis() {
    millis();
    return offsetMillis;
  }

  private synchronized void resync() {
    long before = node.millis();
    if (synced && before - syncedAtNodeMillis < resyncMillis && before >= syncedAtNodeMillis) {
      return;
    }
    Long db;
    try {
      db = readDatabase();
    } catch (RuntimeException e) {
      // The database is briefly unreachable: keep the last offset and try again soon.
      LOG.warn("reading the database clock failed; keeping the last offset: " + e);
      if (synced) syncedAtNodeMillis = before - resyncMillis + Math.min(resyncMillis, 1000);
      return;
    }
    long after = node.millis();
    if (db == null) {
      fallback = true;
      offsetMillis = 0;
      LOG.warn(
          "the database's clock cannot be read (neither PostgreSQL nor HSQLDB): the engine uses "
              + "this node's clock, so every node's clock must be kept in sync (NTP)");
      return;
    }
    offsetMillis = db - (before + after) / 2;
    syncedAtNodeMillis = after;
    synced = true;
  }

  /** The database's time, or null when its dialect has no clock query. */
  private Long readDatabase() {
    String query = jpa.dialect().nowMillisQuery();
    return query == null ? null : run(query);
  }

  private Long run(String sql) {
    return jpa.tx(em -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
  }
}

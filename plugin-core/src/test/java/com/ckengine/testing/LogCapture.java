package com.ckengine.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Log4JLogger;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

/**
 * Captures what the plugin logs, the way a Broadleaf site sees it: through commons-logging bound to
 * log4j (reload4j here, log4j 1.2 or reload4j on a site). While open, every event of a category
 * under {@code com.ckengine} (or the one given) at DEBUG and above is kept, whatever the log4j
 * configuration says, so a test can assert the documented lines (docs/operations.md, "Logging").
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start()) {
 *   ... deliver an action ...
 *   log.assertLine(Level.DEBUG, "com.ckengine.engine", "delivered");
 *   log.assertNowhere(apiSecret, "ann@example.com");
 *   log.assertNoFullEmailAtInfoOrAbove();
 * }
 * }</pre>
 *
 * <p>{@link #start} fails when commons-logging is not bound to log4j: lines going elsewhere
 * (java.util.logging, System.err) would make every assertion pass vacuously.
 */
public final class LogCapture implements AutoCloseable {
  /** One captured log event. */
  public static final class Line {
    public final Level level;
    public final String category;
    public final String message;

    /** The stack trace of the event's throwable, or "". */
    public final String throwable;

    Line(Level level, String category, String message, String throwable) {
      this.level = level;
      this.category = category;
      this.message = message;
      this.throwable = throwable;
    }

    /** Everything a log file would hold for this event. */
    public String text() {
      return level
          + " ["
          + category
          + "] "
          + message
          + (throwable.isEmpty() ? "" : "\n" + throwable);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  // An address with a local part and a domain: what must not reach INFO and above in full.
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  private final Logger logger;
  private final Level previousLevel;
  private final boolean previousAdditivity;
  private final Appender appender = new Appender();

  private LogCapture(String category) {
    if (!(LogFactory.getLog(category + ".LogCaptureProbe") instanceof Log4JLogger)) {
      throw new IllegalStateException(
          "commons-logging is not bound to log4j here ("
              + LogFactory.getLog(category).getClass().getName()
              + "): put reload4j on the test class path");
    }
    this.logger = Logger.getLogger(category);
    this.previousLevel = logger.getLevel();
    this.previousAdditivity = logger.getAdditivity();
    logger.setLevel(Level.DEBUG);
    // Captured lines stay out of the console: a test's expected failures are not noise.
    logger.setAdditivity(false);
    logger.addAppender(appender);
  }

  /** Captures everything under {@code com.ckengine}. */
  public static LogCapture start() {
    return new LogCapture("com.ckengine");
  }

  /** Captures everything under {@code category}. */
  public static LogCapture start(String category) {
    return new LogCapture(category);
  }

  public List<Line> lines() {
    synchronized (appender.lines) {
      return Collections.unmodifiableList(new ArrayList<Line>(appender.lines));
    }
  }

  /** Lines at {@code level} or above. */
  public List<Line> atOrAbove(Level level) {
    return lines().stream()
        .filter(l -> l.level.isGreaterOrEqual(level))
        .collect(Collectors.toList());
  }

  /** All captured lines as a log file would show them. */
  public String text() {
    return lines().stream().map(Line::text).collect(Collectors.joining("\n"));
  }

  /**
   * The first line at exactly {@code level} whose category starts with {@code categoryPrefix} and
   * whose message contains every one of {@code fragments}; fails listing what was captured.
   */
  public Line assertLine(Level level, String categoryPrefix, String... fragments) {
    for (Line l : lines()) {
      if (!l.level.equals(level) || !l.category.startsWith(categoryPrefix)) continue;
      boolean all = true;
      for (String f : fragments) all &= l.message.contains(f);
      if (all) return l;
    }
    throw new AssertionError(
        "no "
            + level
            + " line of "
            + categoryPrefix
            + " containing "
            + String.join(", ", fragments)
            + "; captured:\n"
            + text());
  }

  /** Fails when any captured line (message or stack trace) contains one of {@code forbidden}. */
  public void assertNowhere(String... forbidden) {
    for (Line l : lines()) {
      for (String f : forbidden) {
        if (f != null && !f.isEmpty() && l.text().contains(f)) {
          throw new AssertionError("a log line holds what it must not (" + mask(f) + "): " + l);
        }
      }
    }
  }

  /** Fails when a line at INFO or above holds a whole email address. */
  public void assertNoFullEmailAtInfoOrAbove() {
    for (Line l : atOrAbove(Level.INFO)) {
      Matcher m = EMAIL.matcher(l.text());
      if (m.find()) {
        throw new AssertionError("a full email address at " + l.level + ": " + l);
      }
    }
  }

  @Override
  public void close() {
    logger.removeAppender(appender);
    logger.setLevel(previousLevel);
    logger.setAdditivity(previousAdditivity);
  }

  private static String mask(String s) {
    return s.length() <= 4 ? "****" : s.substring(0, 2) + "…(" + s.length() + " chars)";
  }

  private static final class Appender extends AppenderSkeleton {
    final List<Line> lines = new ArrayList<Line>();

    @Override
    protected void append(LoggingEvent e) {
      ThrowableInformation t = e.getThrowableInformation();
      String trace = t == null ? "" : String.join("\n", t.getThrowableStrRep());
      synchronized (lines) {
        lines.add(
            new Line(
                e.getLevel(), e.getLoggerName(), String.valueOf(e.getRenderedMessage()), trace));
      }
    }

    @Override
    public void close() {}

    @Override
    public boolean requiresLayout() {
      return false;
    }
  }
}

package com.ckengine.admin.screens;

import com.ckengine.engine.ActionStatus;
import com.ckengine.engine.PastOrderProgress;
import com.ckengine.engine.PastOrderRunStatus;
import com.ckengine.engine.RuleChoice;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One past-orders run as the Past Orders tab shows it: the progress bar's figures, the buttons its
 * state allows, and the same figures as the small JSON the page polls ({@link #toJson()}).
 */
public final class PastRunRow {
  private final PastOrderProgress p;

  PastRunRow(PastOrderProgress p) {
    this.p = p;
  }

  public long getId() {
    return p.runId();
  }

  public long getIntegrationId() {
    return p.integrationId();
  }

  public String getStatus() {
    return p.status().name();
  }

  public boolean isActive() {
    return p.status().isActive();
  }

  public boolean isCanPause() {
    return p.status() == PastOrderRunStatus.RUNNING;
  }

  public boolean isCanResume() {
    return p.status() == PastOrderRunStatus.PAUSED;
  }

  public long getDone() {
    return p.done();
  }

  public long getTotal() {
    return p.total();
  }

  public int getPercent() {
    return p.percent();
  }

  public long getRead() {
    return p.fed();
  }

  public long getSent() {
    return p.sent();
  }

  public long getSkippedLive() {
    return p.skippedLive();
  }

  public long getSkippedEarlier() {
    return p.skippedEarlier();
  }

  public long getUnusable() {
    return p.unusable();
  }

  public long getFailed() {
    Long n = p.actionsByStatus().get(ActionStatus.FAILED);
    return n == null ? 0 : n;
  }

  /** "about 4 min left" at the account's limit; empty once the run ended. */
  public String getTimeLeft() {
    if (!p.status().isActive()) return "";
    return "about " + duration(p.timeLeft()) + " left at the account's limit";
  }

  /** The run's range as days, the way the form takes them (the end day included). */
  public String getRange() {
    return day(p.from().toEpochMilli()) + " to " + day(p.to().toEpochMilli() - 1);
  }

  public String getRules() {
    RuleChoice c = p.choice();
    if (c == RuleChoice.ONE_RULE) return "Rule " + p.choiceId();
    if (c == RuleChoice.PRODUCT_RULES) return "Product " + p.choiceId() + "'s rules";
    return "All Product Purchased rules";
  }

  public String getLeftOut() {
    if (p.excludeRefunded() && p.excludeTest()) return "refunded and test orders";
    if (p.excludeRefunded()) return "refunded orders";
    if (p.excludeTest()) return "test orders";
    return "nothing";
  }

  public String getStarted() {
    return Times.format(p.createdAt());
  }

  public String getFinished() {
    return p.finishedAt() == null ? "" : Times.format(p.finishedAt());
  }

  /**
   * Why the run stopped (cancelled by the operator, no rule left ...); empty when nothing to say.
   */
  public String getMessage() {
    return p.message() == null ? "" : p.message();
  }

  /** What the page's script reads every few seconds; numbers and the engine's texts only. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<String, Object>();
    m.put("id", getId());
    m.put("status", getStatus());
    m.put("active", isActive());
    m.put("done", getDone());
    m.put("total", getTotal());
    m.put("percent", getPercent());
    m.put("read", getRead());
    m.put("sent", getSent());
    m.put("skippedLive", getSkippedLive());
    m.put("skippedEarlier", getSkippedEarlier());
    m.put("unusable", getUnusable());
    m.put("failed", getFailed());
    m.put("timeLeft", getTimeLeft());
    m.put("timeLeftSeconds", p.timeLeft().getSeconds());
    m.put("message", getMessage());
    return m;
  }

  private static String day(long epochMillis) {
    return java.time.Instant.ofEpochMilli(epochMillis)
        .atZone(ZoneOffset.UTC)
        .toLocalDate()
        .toString();
  }

  /** "less than a minute", "1 min", "12 min", "2 h 5 min". */
  static String duration(Duration d) {
    long minutes = (d.getSeconds() + 59) / 60;
    if (minutes < 1) return "less than a minute";
    if (minutes < 60) return minutes + " min";
    return minutes / 60 + " h " + minutes % 60 + " min";
  }
}

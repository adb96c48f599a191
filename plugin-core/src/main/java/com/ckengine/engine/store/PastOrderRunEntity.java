package com.ckengine.engine.store;

import com.ckengine.engine.PastOrderRunStatus;
import com.ckengine.engine.RuleChoice;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.TableGenerator;

/**
 * One run of "Apply to past orders" ({@code CK_PAST_ORDER_RUN}): what the operator chose (an
 * integration, a range of submit times, the rules, the exclusions), where it stands (status, the
 * position of the last order fed, the counts) and which node feeds it (owner and heartbeat, like a
 * delivery lease). The row survives restarts: a node picks the run up from {@link
 * #getCursorPosition()}.
 *
 * <p>{@code ACTIVE_INTEGRATION_ID} holds the integration id while the run is RUNNING or PAUSED,
 * null after: its unique constraint lets only one active run per integration exist, whichever admin
 * node or browser tab starts it.
 */
@Entity
@Table(name = "CK_PAST_ORDER_RUN")
@org.hibernate.annotations.Table(
    appliesTo = "CK_PAST_ORDER_RUN",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_PAST_RUN_STATUS",
          columnNames = {"STATUS"}),
      @org.hibernate.annotations.Index(
          name = "CK_PAST_RUN_INT",
          columnNames = {"INTEGRATION_ID", "CREATED_AT"})
    })
public class PastOrderRunEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkPastOrderRunId")
  @TableGenerator(
      name = "CkPastOrderRunId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_PAST_ORDER_RUN",
      allocationSize = 10)
  @Column(name = "ID")
  private Long id;

  @Column(name = "INTEGRATION_ID", nullable = false)
  private long integrationId;

  @Column(name = "ACTIVE_INTEGRATION_ID", unique = true)
  private Long activeIntegrationId;

  /** Submit times, UTC epoch milliseconds: [from, to). */
  @Column(name = "FROM_AT", nullable = false)
  private long fromAt;

  @Column(name = "TO_AT", nullable = false)
  private long toAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "RULE_CHOICE", nullable = false, length = 20)
  private RuleChoice choice;

  /** The rule id (ONE_RULE) or the product id (PRODUCT_RULES); null for ALL_PURCHASED. */
  @Column(name = "CHOICE_ID")
  private Long choiceId;

  /** The rules chosen at start, comma-separated ids: later rules do not join a run. */
  @Column(name = "RULE_IDS", nullable = false, length = 2000)
  private String ruleIds;

  /** Products an order needs a line of, comma-separated; null: any order. */
  @Column(name = "PRODUCT_IDS", length = 2000)
  private String productIds;

  @Column(name = "EXCLUDE_REFUNDED", nullable = false)
  private boolean excludeRefunded;

  @Column(name = "EXCLUDE_TEST", nullable = false)
  private boolean excludeTest;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false, length = 20)
  private PastOrderRunStatus status;

  /** Orders the selection held at start. */
  @Column(name = "TOTAL_ORDERS", nullable = false)
  private long totalOrders;

  /** Actions the preview expected at start (for the time left before the run has planned any). */
  @Column(name = "EXPECTED_ACTIONS", nullable = false)
  private long expectedActions;

  /** Kit calls per rate window this integration's delivery may make (the time left's pace). */
  @Column(name = "CALLS_PER_WINDOW", nullable = false)
  private int callsPerWindow;

  @Column(name = "WINDOW_MILLIS", nullable = false)
  private long windowMillis;

  /** Orders read from the host so far (fed to the outbox, or passed). */
  @Column(name = "FED_ORDERS", nullable = false)
  private long fedOrders;

  /** Orders for which the run planned at least one action. */
  @Column(name = "SENT_ORDERS", nullable = false)
  private long sentOrders;

  /** Orders whose every chosen action their live event had already planned. */
  @Column(name = "LIVE_SKIPPED", nullable = false)
  private long liveSkipped;

  /** Orders whose every chosen action an earlier run (or the live event) had already planned. */
  @Column(name = "EARLIER_SKIPPED", nullable = false)
  private long earlierSkipped;

  /** Orders no valid event could be made of (no email, no lines). */
  @Column(name = "UNUSABLE_ORDERS", nullable = false)
  private long unusableOrders;

  @Column(name = "PLANNED_ACTIONS", nullable = false)
  private long plannedActions;

  /** The host's position of the last order fed; null before the first. */
  @Column(name = "CURSOR_POS", length = 200)
  private String cursorPosition;

  /** Every order of the selection was read; the run is DONE once its actions finished. */
  @Column(name = "FEED_COMPLETE", nullable = false)
  private boolean feedComplete;

  @Column(name = "OWNER_NODE", length = 140)
  private String owner;

  /** UTC epoch milliseconds (database clock) until which {@link #owner} feeds the run. */
  @Column(name = "HEARTBEAT_UNTIL")
  private Long heartbeatUntil;

  @Column(name = "CREATED_AT", nullable = false)
  private long createdAt;

  @Column(name = "FINISHED_AT")
  private Long finishedAt;

  /** Why the run stopped, or what the operator should know. */
  @Column(name = "MESSAGE", length = 500)
  private String message;

  public Long getId() {
    return id;
  }

  public long getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(long integrationId) {
    this.integrationId = integrationId;
  }

  public Long getActiveIntegrationId() {
    return activeIntegrationId;
  }

  public void setActiveIntegrationId(Long activeIntegrationId) {
    this.activeIntegrationId = activeIntegrationId;
  }

  public long getFromAt() {
    return fromAt;
  }

  public void setFromAt(long fromAt) {
    this.fromAt = fromAt;
  }

  public long getToAt() {
    return toAt;
  }

  public void setToAt(long toAt) {
    this.toAt = toAt;
  }

  public RuleChoice getChoice() {
    return choice;
  }

  public void setChoice(RuleChoice choice) {
    this.choice = choice;
  }

  public Long getChoiceId() {
    return choiceId;
  }

  public void setChoiceId(Long choiceId) {
    this.choiceId = choiceId;
  }

  public String getRuleIds() {
    return ruleIds;
  }

  public void setRuleIds(String ruleIds) {
    this.ruleIds = ruleIds;
  }

  public String getProductIds() {
    return productIds;
  }

  public void setProductIds(String productIds) {
    this.productIds = productIds;
  }

  public boolean isExcludeRefunded() {
    return excludeRefunded;
  }

  public void setExcludeRefunded(boolean excludeRefunded) {
    this.excludeRefunded = excludeRefunded;
  }

  public boolean isExcludeTest() {
    return excludeTest;
  }

  public void setExcludeTest(boolean excludeTest) {
    this.excludeTest = excludeTest;
  }

  public PastOrderRunStatus getStatus() {
    return status;
  }

  public void setStatus(PastOrderRunStatus status) {
    this.status = status;
  }

  public long getTotalOrders() {
    return totalOrders;
  }

  public void setTotalOrders(long totalOrders) {
    this.totalOrders = totalOrders;
  }

  public long getExpectedActions() {
    return expectedActions;
  }

  public void setExpectedActions(long expectedActions) {
    this.expectedActions = expectedActions;
  }

  public int getCallsPerWindow() {
    return callsPerWindow;
  }

  public void setCallsPerWindow(int callsPerWindow) {
    this.callsPerWindow = callsPerWindow;
  }

  public long getWindowMillis() {
    return windowMillis;
  }

  public void setWindowMillis(long windowMillis) {
    this.windowMillis = windowMillis;
  }

  public long getFedOrders() {
    return fedOrders;
  }

  public long getSentOrders() {
    return sentOrders;
  }

  public long getLiveSkipped() {
    return liveSkipped;
  }

  public long getEarlierSkipped() {
    return earlierSkipped;
  }

  public long getUnusableOrders() {
    return unusableOrders;
  }

  public long getPlannedActions() {
    return plannedActions;
  }

  public String getCursorPosition() {
    return cursorPosition;
  }

  public boolean isFeedComplete() {
    return feedComplete;
  }

  public String getOwner() {
    return owner;
  }

  public Long getHeartbeatUntil() {
    return heartbeatUntil;
  }

  public long getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(long createdAt) {
    this.createdAt = createdAt;
  }

  public Long getFinishedAt() {
    return finishedAt;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = Columns.clip(message, 500);
  }
}

package com.ckengine.engine.store;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleTarget;
import com.ckengine.api.Trigger;
import com.ckengine.engine.ActionStatus;
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
 * One planned Kit action and its delivery state ({@code CK_ACTION}): the outbox row a worker
 * claims, and the row of the integration log. The event's searchable fields (trigger, email,
 * reference, test flag, time) are copied here so a log search reads one table through one index.
 *
 * <p>An event no rule matched gets one row too, with no integration and no action, status SKIPPED
 * and the note "no rule matched": the operator sees why a customer got no tag.
 *
 * <p>A worker owns a row while {@code CLAIM_TOKEN} is set and {@code CLAIMED_UNTIL} lies ahead;
 * claims are taken with a conditional UPDATE and results are written only under the same token.
 */
@Entity
@Table(name = "CK_ACTION")
@org.hibernate.annotations.Table(
    appliesTo = "CK_ACTION",
    indexes = {
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_DUE",
          columnNames = {"STATUS", "DUE_AT"}),
      // A subscriber's open actions in one integration, in delivery order: whether an earlier
      // one still waits is one probe (statuses PENDING and RETRYING), however long the history.
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_LANE",
          columnNames = {"INTEGRATION_ID", "EMAIL_LC", "STATUS", "FIRST_DUE_AT"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_EVENT",
          columnNames = {"EVENT_ID"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_CREATED",
          columnNames = {"CREATED_AT", "ID"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_EMAIL",
          columnNames = {"EMAIL_LC", "CREATED_AT"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_REF",
          columnNames = {"REFERENCE", "CREATED_AT"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_STATUS",
          columnNames = {"STATUS", "CREATED_AT"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_INT",
          columnNames = {"INTEGRATION_ID", "CREATED_AT"}),
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_TRIGGER",
          columnNames = {"TRIGGER_TYPE", "CREATED_AT"}),
      // Logs' filter by action (Add Subscriber To Form...), as by trigger.
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_KIND",
          columnNames = {"ACTION_TYPE", "CREATED_AT"}),
      // Retention looks again at old events whose actions finished since its previous run.
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_FINISHED",
          columnNames = {"FINISHED_AT"}),
      // A past-orders run's open actions: how many it has in the outbox (it feeds a window's
      // worth at a time) and which to cancel.
      @org.hibernate.annotations.Index(
          name = "CK_ACTION_PAST_RUN",
          columnNames = {"PAST_RUN_ID", "STATUS"})
    })
public class ActionEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.TABLE, generator = "CkActionId")
  @TableGenerator(
      name = "CkActionId",
      table = "CK_ID_GEN",
      pkColumnName = "ID_NAME",
      valueColumnName = "ID_VALUE",
      pkColumnValue = "CK_ACTION",
      allocationSize = 1000)
  @Column(name = "ID")
  private Long id;

  @Column(name = "EVENT_ID", nullable = false)
  private long eventId;

  /** Unique: event key + integration + action; a re-planned action can never be inserted twice. */
  @Column(name = "IDEMPOTENCY_KEY", nullable = false, unique = true, length = 300)
  private String idempotencyKey;

  @Column(name = "INTEGRATION_ID")
  private Long integrationId;

  // The kind's stored name (ActionType is an open set of names, not an enum).
  @Column(name = "ACTION_TYPE", length = 20)
  private String action;

  /** Kit's id of the form or sequence of an action kind that takes one, else null. */
  @Column(name = "TARGET_KIT_ID")
  private Long targetKitId;

  /** The form's or sequence's name as listed when the rule was made: the log shows it. */
  @Column(name = "TARGET_NAME", length = 255)
  private String targetName;

  @Enumerated(EnumType.STRING)
  @Column(name = "STATUS", nullable = false, length = 20)
  private ActionStatus status;

  /**
   * Tags for people, "a, b", cut to the column's size. The worker reads the tags from {@link
   * ActionTagEntity} (one row per tag), which holds any number of them.
   */
  @Column(name = "TAGS", length = 2000)
  private String tags;

  @Column(name = "RULE_IDS", length = 1000)
  private String ruleIds;

  @Column(name = "RULE_SCOPE", length = 1000)
  private String ruleScope;

  @Enumerated(EnumType.STRING)
  @Column(name = "TRIGGER_TYPE", nullable = false, length = 40)
  private Trigger trigger;

  @Column(name = "EMAIL", nullable = false, length = 254)
  private String email;

  @Column(name = "EMAIL_LC", nullable = false, length = 254)
  private String emailLc;

  @Column(name = "REFERENCE", nullable = false, length = 100)
  private String reference;

  @Column(name = "TEST_EVENT", nullable = false)
  private boolean test;

  // Times are UTC epoch milliseconds from the engine's clock (the database's clock), never
  // zone-less timestamps: nodes in other time zones or across a daylight-saving change read the
  // same instant.

  @Column(name = "CREATED_AT", nullable = false)
  private long createdAt;

  @Column(name = "DUE_AT", nullable = false)
  private long dueAt;

  /**
   * The due time the action was planned with; unlike {@code DUE_AT} it never moves (retries move
   * {@code DUE_AT}). A subscriber's actions are delivered in ({@code FIRST_DUE_AT}, {@code ID})
   * order: a delayed action takes its place when it is meant to happen.
   */
  @Column(name = "FIRST_DUE_AT", nullable = false)
  private long firstDueAt;

  @Column(name = "ATTEMPTS", nullable = false)
  private int attempts;

  @Column(name = "FIRST_ATTEMPT_AT")
  private Long firstAttemptAt;

  @Column(name = "LAST_ATTEMPT_AT")
  private Long lastAttemptAt;

  @Column(name = "CLAIM_TOKEN", length = 64)
  private String claimToken;

  @Column(name = "CLAIMED_UNTIL")
  private Long claimedUntil;

  /**
   * An attempt ended without knowing whether Kit acted (a timeout, a 5xx, an unreadable answer, a
   * process that stopped mid-call): a purchase is reconciled with Kit before it is sent again.
   */
  @Column(name = "IN_DOUBT", nullable = false)
  private boolean inDoubt;

  /**
   * For purchases: the highest Kit purchase id this integration had recorded before the first send.
   * Kit's ids grow, so a reconciliation can stop reading Kit's list at ids this low.
   */
  @Column(name = "RECONCILE_FLOOR")
  private Long reconcileFloor;

  @Column(name = "LAST_HTTP_STATUS")
  private Integer lastHttpStatus;

  @Column(name = "LAST_MESSAGE", length = 1000)
  private String lastMessage;

  /** A remark for the operator, e.g. "no rule matched" or that Kit ignores its primary email. */
  @Column(name = "NOTE", length = 500)
  private String note;

  @Column(name = "FINISHED_AT")
  private Long finishedAt;

  /** The past-orders run ({@code CK_PAST_ORDER_RUN}) that planned this action; null when live. */
  @Column(name = "PAST_RUN_ID")
  private Long pastRunId;

  public Long getPastRunId() {
    return pastRunId;
  }

  public void setPastRunId(Long pastRunId) {
    this.pastRunId = pastRunId;
  }

  public Long getId() {
    return id;
  }

  public long getEventId() {
    return eventId;
  }

  public void setEventId(long eventId) {
    this.eventId = eventId;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public void setIdempotencyKey(String k) {
    this.idempotencyKey = k;
  }

  public Long getIntegrationId() {
    return integrationId;
  }

  public void setIntegrationId(Long integrationId) {
    this.integrationId = integrationId;
  }

  /**
   * The action kind, or null for none.
   *
   * @throws IllegalArgumentException for a name no kind defines in this process
   */
  public ActionType getAction() {
    return action == null ? null : ActionType.valueOf(action);
  }

  public void setAction(ActionType action) {
    this.action = action == null ? null : action.name();
  }

  /** The form or sequence, or null. */
  public RuleTarget getTarget() {
    return targetKitId == null ? null : RuleTarget.of(targetKitId, targetName);
  }

  public void setTarget(RuleTarget target) {
    this.targetKitId = target == null ? null : target.kitId();
    this.targetName = target == null ? null : target.name();
  }

  public ActionStatus getStatus() {
    return status;
  }

  public void setStatus(ActionStatus status) {
    this.status = status;
  }

  public String getTags() {
    return tags;
  }

  public void setTags(String tags) {
    this.tags = Columns.clip(tags, 2000);
  }

  public String getRuleIds() {
    return ruleIds;
  }

  public void setRuleIds(String ruleIds) {
    this.ruleIds = Columns.clip(ruleIds, 1000);
  }

  public String getRuleScope() {
    return ruleScope;
  }

  public void setRuleScope(String s) {
    this.ruleScope = Columns.clip(s, 1000);
  }

  public Trigger getTrigger() {
    return trigger;
  }

  public void setTrigger(Trigger trigger) {
    this.trigger = trigger;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getEmailLc() {
    return emailLc;
  }

  public void setEmailLc(String emailLc) {
    this.emailLc = emailLc;
  }

  public String getReference() {
    return reference;
  }

  public void setReference(String reference) {
    this.reference = reference;
  }

  public boolean isTest() {
    return test;
  }

  public void setTest(boolean test) {
    this.test = test;
  }

  public long getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(long createdAt) {
    this.createdAt = createdAt;
  }

  public long getDueAt() {
    return dueAt;
  }

  public void setDueAt(long dueAt) {
    this.dueAt = dueAt;
  }

  public long getFirstDueAt() {
    return firstDueAt;
  }

  public void setFirstDueAt(long firstDueAt) {
    this.firstDueAt = firstDueAt;
  }

  public int getAttempts() {
    return attempts;
  }

  public Long getFirstAttemptAt() {
    return firstAttemptAt;
  }

  public Long getLastAttemptAt() {
    return lastAttemptAt;
  }

  public String getClaimToken() {
    return claimToken;
  }

  public Long getClaimedUntil() {
    return claimedUntil;
  }

  public boolean isInDoubt() {
    return inDoubt;
  }

  public Long getReconcileFloor() {
    return reconcileFloor;
  }

  public Integer getLastHttpStatus() {
    return lastHttpStatus;
  }

  public String getLastMessage() {
    return lastMessage;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = Columns.clip(note, 500);
  }

  public Long getFinishedAt() {
    return finishedAt;
  }
}

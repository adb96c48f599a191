package com.ckengine.subscription;

import com.ckengine.api.EventLine;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.api.subscription.CardUpdated;
import com.ckengine.api.subscription.ChargeFailed;
import com.ckengine.api.subscription.ChargeSucceeded;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.FactResult.Outcome;
import com.ckengine.api.subscription.SubscriptionCanceled;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.api.subscription.SubscriptionRestarted;
import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.api.subscription.SubscriptionStatus;
import com.ckengine.api.subscription.SubscriptionView;
import com.ckengine.api.subscription.UnknownSubscriptionException;
import com.ckengine.engine.TransactionalPublisher;
import com.ckengine.engine.store.Jpa;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The plugin's {@link SubscriptionLifecycle}: each subscription's state in {@code
 * CK_SUB_SUBSCRIPTION}, each fact in {@code CK_SUB_FACT}, the derived triggers published through
 * the engine's {@link EventPublisher}. The rules are those documented on {@link
 * SubscriptionLifecycle}.
 *
 * <p>One fact is one transaction of this class's own: it first bumps the subscription's row (so
 * facts for one subscription apply one at a time, across threads and nodes), derives the triggers
 * from the state it then reads, publishes them, records the fact and the new state, and commits.
 * With the engine's own publisher on the same database (the usual wiring) the events are stored in
 * that same transaction, through its one connection ({@link TransactionalPublisher}): the fact and
 * its events commit together, and no second pooled connection is taken under the row lock. With
 * another publisher each event is committed on its own; if ours then fails, the fact is not
 * recorded and the caller's retry derives the same events under the same keys, which the publisher
 * recognises as already stored. Either way a fact fires its triggers once, whatever is retried.
 *
 * <p>Event keys: Subscription Charged uses the charge id itself (it is Kit's purchase transaction
 * id); the others derived from a charge use {@code <chargeId>:failed}, {@code :recovered}, {@code
 * :delinquent}, {@code :canceled}, {@code :started} (the first recurring charge) and {@code
 * :completed} (a payment plan's last); a cancel or restart by hand uses {@code
 * <subscriptionId>:canceled:<n>} or {@code :restarted:<n>}, numbered per subscription.
 */
public final class JpaSubscriptionLifecycle implements SubscriptionLifecycle {
  private static final Log LOG = LogFactory.getLog(JpaSubscriptionLifecycle.class);

  /** Failed charges in a row that make a subscription delinquent unless configured otherwise. */
  public static final int DEFAULT_DELINQUENT_AFTER = 4;

  private static final int NOTE_LENGTH = 255;

  private final Jpa tx;
  private final EventPublisher publisher;

  /** The engine's publisher on this lifecycle's own database, or null: see {@link #apply}. */
  private final TransactionalPublisher joined;

  private final int delinquentAfter;
  private final Clock clock;

  private JpaSubscriptionLifecycle(Builder b) {
    this.tx = new Jpa(b.emf);
    this.publisher = b.publisher;
    this.joined =
        b.publisher instanceof TransactionalPublisher
                && ((TransactionalPublisher) b.publisher).sharesDatabaseWith(b.emf)
            ? (TransactionalPublisher) b.publisher
            : null;
    this.delinquentAfter = b.delinquentAfter;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Failed charges in a row after which a subscription is delinquent. */
  public int delinquentAfter() {
    return delinquentAfter;
  }

  @Override
  public FactResult started(final SubscriptionStarted f) {
    if (f == null) throw new NullPointerException("fact");
    FactResult r;
    try {
      r =
          tx.tx(
              em -> {
                SubscriptionEntity existing = em.find(SubscriptionEntity.class, f.subscriptionId());
                if (existing != null) {
                  return new FactResult(
                      Outcome.DUPLICATE,
                      null,
                      existing.getStatus(),
                      "subscription " + f.subscriptionId() + " was already started");
                }
                Date now = new Date(clock.millis());
                SubscriptionEntity s = new SubscriptionEntity();
                s.setId(f.subscriptionId());
                s.setProductId(f.productId());
                s.setSku(f.sku());
                s.setProductName(f.productName());
                s.setPrice(f.price());
                s.setCurrency(f.currency());
                s.setEmail(f.email());
                s.setFirstName(f.firstName());
                s.setOriginOrder(f.originOrderNumber());
                s.setTest(f.isTest());
                s.setPlannedPayments(f.plannedPayments());
                s.setStatus(SubscriptionStatus.ACTIVE);
                s.setStartedAt(Date.from(f.startedAt()));
                s.setResumedAt(Date.from(f.startedAt()));
                s.setUpdatedAt(now);
                em.persist(s);
                Fact fact = new Fact(FactKind.STARTED, f.subscriptionId(), f.startedAt());
                fact.amount = f.price();
                record(em, fact, Outcome.APPLIED, new ArrayList<Planned>(), null, now);
                return new FactResult(Outcome.APPLIED, null, SubscriptionStatus.ACTIVE, null);
              });
    } catch (PersistenceException e) {
      // Two threads or nodes started the same subscription at once: the primary key let one win.
      SubscriptionView won = find(f.subscriptionId());
      if (won == null) throw e;
      r =
          new FactResult(
              Outcome.DUPLICATE,
              null,
              won.status(),
              "subscription " + f.subscriptionId() + " was already started");
    }
    log(f.toString(), r);
    return r;
  }

  @Override
  public FactResult chargeSucceeded(final ChargeSucceeded f) {
    if (f == null) throw new NullPointerException("fact");
    Fact fact = new Fact(FactKind.CHARGE_SUCCEEDED, f.subscriptionId(), f.chargedAt());
    fact.chargeId = f.chargeId();
    fact.amount = f.amount();
    return apply(
        fact,
        f.toString(),
        (em, s, d) -> {
          String seen = seenCharge(em, s.getId(), f.chargeId(), FactKind.CHARGE_SUCCEEDED);
          if (seen != null) return d.set(seen);
          if (s.getStatus() == SubscriptionStatus.COMPLETED) {
            LOG.warn(
                "charge "
                    + f.chargeId()
                    + " reported for subscription "
                    + s.getId()
                    + ", whose payment plan is complete: ignored");
            return d.ignore(
                "the payment plan is complete ("
                    + s.getPlannedPayments()
                    + " payments made): a further charge is not part of it");
          }
          String currency = f.currency() != null ? f.currency() : s.getCurrency();
          // Money was taken: Charged fires whatever the state, and records the purchase.
          d.fire(Trigger.SUBSCRIPTION_CHARGED, f.chargeId(), f.amount(), currency);
          s.setChargeCount(s.getChargeCount() + 1);
          if (s.getChargeCount() == 1) {
            // The first recurring charge: the subscription has started paying for itself.
            d.fire(
                Trigger.SUBSCRIPTION_STARTED,
                f.chargeId() + Trigger.STARTED_KEY_SUFFIX,
                f.amount(),
                currency);
          }
          Date at = Date.from(f.chargedAt());
          if (s.getStatus().isEnded()) {
            d.note =
                "charged after the subscription ended ("
                    + s.getStatus()
                    + "): Subscription Charged fires, the status stays until a restart";
          } else if (s.getStatus() == SubscriptionStatus.PAST_DUE) {
            if (at.before(s.getLastFailedAt())) {
              d.note = "older than the newest failed charge: the run of failures goes on";
            } else {
              if (s.isCardUpdatedInRun()) {
                d.fire(Trigger.SUBSCRIPTION_RECOVERED, f.chargeId() + ":recovered", null, null);
                endRun(s);
              } else {
                d.note =
                    "paid after failures without a card update (yet): not a recovery unless a"
                        + " card update dated within the failures is reported later";
                Date runStarted = s.getRunStartedAt();
                endRun(s);
                s.setUnrecovered(f.chargeId(), runStarted, at);
              }
              s.setStatus(SubscriptionStatus.ACTIVE);
            }
          }
          if (s.getLastChargedAt() == null || at.after(s.getLastChargedAt())) {
            s.setLastChargedAt(at);
          }
          if (s.isPlanPaid()) complete(s, f.chargeId(), at, d);
          return d;
        });
  }

  /**
   * The payment plan's last payment went through: COMPLETED for good (no further charge, failure,
   * cancel or restart changes it) and Subscription Completed fires after the charge's own events.
   */
  private static void complete(SubscriptionEntity s, String chargeId, Date at, Decision d) {
    s.setStatus(SubscriptionStatus.COMPLETED);
    s.setEndedAt(at);
    endRun(s);
    d.fire(Trigger.SUBSCRIPTION_COMPLETED, chargeId + ":completed", null, null);
    d.note =
        "payment "
            + (1 + s.getChargeCount())
            + " of "
            + s.getPlannedPayments()
            + ": the payment plan is complete"
            + (d.note == null ? "" : "; " + d.note);
  }

  @Override
  public FactResult chargeFailed(final ChargeFailed f) {
    if (f == null) throw new NullPointerException("fact");
    Fact fact = new Fact(FactKind.CHARGE_FAILED, f.subscriptionId(), f.failedAt());
    fact.chargeId = f.chargeId();
    fact.detail = f.reason();
    return apply(
        fact,
        f.toString(),
        (em, s, d) -> {
          String seen = seenCharge(em, s.getId(), f.chargeId(), FactKind.CHARGE_FAILED);
          if (seen != null) return d.set(seen);
          Date at = Date.from(f.failedAt());
          if (s.getStatus().isEnded()) {
            return d.ignore(
                "the subscription is already "
                    + s.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                    + ": a failure after its end changes nothing");
          }
          if (at.before(s.getResumedAt())
              || (s.getLastChargedAt() != null && at.before(s.getLastChargedAt()))) {
            return d.ignore("older than the newest successful charge, start or restart");
          }
          int failures = s.getFailuresInRow() + 1;
          s.setFailuresInRow(failures);
          if (failures == 1) {
            s.setRunStartedAt(at);
            s.setCardUpdatedInRun(false);
            s.setStatus(SubscriptionStatus.PAST_DUE);
            d.fire(Trigger.SUBSCRIPTION_CHARGE_FAILED, f.chargeId() + ":failed", null, null);
          }
          if (s.getLastFailedAt() == null || at.after(s.getLastFailedAt())) {
            s.setLastFailedAt(at);
          }
          if (failures >= delinquentAfter) {
            s.setStatus(SubscriptionStatus.DELINQUENT);
            s.setEndedAt(at);
            s.setEndCount(s.getEndCount() + 1);
            d.fire(Trigger.SUBSCRIPTION_DELINQUENT, f.chargeId() + ":delinquent", null, null);
            d.fire(Trigger.SUBSCRIPTION_CANCELED, f.chargeId() + ":canceled", null, null);
            d.note = failures + " failed charges in a row: delinquent, and so canceled";
          } else if (failures > 1) {
            d.note =
                "failure "
                    + failures
                    + " in a row: fires nothing until "
                    + delinquentAfter
                    + " (delinquent)";
          }
          return d;
        });
  }

  @Override
  public FactResult cardUpdated(final CardUpdated f) {
    if (f == null) throw new NullPointerException("fact");
    Fact fact = new Fact(FactKind.CARD_UPDATED, f.subscriptionId(), f.updatedAt());
    return apply(
        fact,
        f.toString(),
        (em, s, d) -> {
          Date updated = Date.from(f.updatedAt());
          if (s.getUnrecoveredChargeId() != null
              && !updated.before(s.getUnrecoveredRunStartedAt())
              && !updated.after(s.getUnrecoveredChargedAt())) {
            // Reported late: the card was updated during the failures that a charge since ended.
            d.fire(
                Trigger.SUBSCRIPTION_RECOVERED,
                s.getUnrecoveredChargeId() + ":recovered",
                null,
                null);
            d.note =
                "the card update is dated within the failures that charge "
                    + s.getUnrecoveredChargeId()
                    + " ended: that charge was a recovery";
            s.setUnrecovered(null, null, null);
          } else if (s.getStatus() != SubscriptionStatus.PAST_DUE) {
            d.note = "no failed charges to recover from";
          } else if (updated.before(s.getRunStartedAt())) {
            return d.ignore("older than the first failure of the current run");
          } else {
            s.setCardUpdatedInRun(true);
            d.note = "the next successful charge is a recovery";
          }
          return d;
        });
  }

  @Override
  public FactResult canceled(final SubscriptionCanceled f) {
    if (f == null) throw new NullPointerException("fact");
    Fact fact = new Fact(FactKind.CANCELED, f.subscriptionId(), f.canceledAt());
    fact.detail = "by " + f.canceledBy().name().toLowerCase(java.util.Locale.ROOT);
    return apply(
        fact,
        f.toString(),
        (em, s, d) -> {
          if (s.getStatus().isEnded()) {
            return d.ignore("already " + s.getStatus().name().toLowerCase(java.util.Locale.ROOT));
          }
          Date at = Date.from(f.canceledAt());
          if (at.before(s.getResumedAt())) {
            return d.ignore("older than the subscription's start or last restart");
          }
          s.setStatus(SubscriptionStatus.CANCELED);
          s.setEndedAt(at);
          s.setEndCount(s.getEndCount() + 1);
          d.fire(
              Trigger.SUBSCRIPTION_CANCELED,
              s.getId() + ":canceled:" + s.getEndCount(),
              null,
              null);
          return d;
        });
  }

  @Override
  public FactResult restarted(final SubscriptionRestarted f) {
    if (f == null) throw new NullPointerException("fact");
    Fact fact = new Fact(FactKind.RESTARTED, f.subscriptionId(), f.restartedAt());
    return apply(
        fact,
        f.toString(),
        (em, s, d) -> {
          if (s.getStatus() == SubscriptionStatus.COMPLETED) {
            return d.ignore("the payment plan is complete: there is nothing to restart");
          }
          if (!s.getStatus().isRestartable()) {
            return d.ignore("not canceled or delinquent: nothing to restart");
          }
          Date at = Date.from(f.restartedAt());
          if (at.before(s.getEndedAt())) {
            return d.ignore("older than the subscription's end");
          }
          s.setStatus(SubscriptionStatus.ACTIVE);
          endRun(s);
          s.setResumedAt(at);
          s.setRestartCount(s.getRestartCount() + 1);
          d.fire(
              Trigger.SUBSCRIPTION_RESTARTED,
              s.getId() + ":restarted:" + s.getRestartCount(),
              null,
              null);
          return d;
        });
  }

  @Override
  public SubscriptionView find(final String subscriptionId) {
    if (subscriptionId == null) return null;
    return tx.tx(
        em -> {
          SubscriptionEntity s = em.find(SubscriptionEntity.class, subscriptionId.trim());
          if (s == null) return null;
          return new SubscriptionView(
              s.getId(),
              s.getProductId(),
              s.getProductName(),
              s.getPrice(),
              s.getCurrency(),
              s.getEmail(),
              s.getStatus(),
              s.getFailuresInRow(),
              s.isCardUpdatedInRun(),
              s.getStartedAt().toInstant(),
              s.getLastChargedAt() == null ? null : s.getLastChargedAt().toInstant(),
              s.getChargeCount(),
              s.getPlannedPayments());
        });
  }

  // ---- the transaction every fact but the start goes through

  /** Decides what a fact does to a locked subscription. */
  private interface Rule {
    Decision decide(EntityManager em, SubscriptionEntity s, Decision d);
  }

  private FactResult apply(final Fact fact, String what, final Rule rule) {
    FactResult r = null;
    for (int run = 1; r == null; run++) {
      if (joined != null) joined.readRules(); // before the row lock: no second connection under it
      try {
        r = tx.tx(em -> applyLocked(em, fact, rule));
      } catch (TransactionalPublisher.RulesMoved moved) {
        // A rule changed between reading the rules and the transaction: nothing was written.
        if (run == 3) throw moved;
      }
    }
    if (joined != null && r.triggers() != null && !r.triggers().isEmpty())
      joined.wake(); // committed: deliver it now
    log(what, r);
    return r;
  }

  /**
   * The fact under its subscription's row lock: decide, publish what it fires, record it. With the
   * engine's own publisher the events are stored in this same transaction (one connection, and the
   * fact and its events commit together); another publisher commits each event on its own.
   */
  private FactResult applyLocked(EntityManager em, Fact fact, Rule rule) {
    lock(em, fact.subscriptionId);
    SubscriptionEntity s = em.find(SubscriptionEntity.class, fact.subscriptionId);
    Decision d = rule.decide(em, s, new Decision());
    if (d.outcome == Outcome.DUPLICATE) {
      return new FactResult(Outcome.DUPLICATE, null, s.getStatus(), d.note);
    }
    List<Trigger> fired = new ArrayList<Trigger>();
    for (Planned p : d.planned) {
      StoreEvent event = event(s, p, fact.occurredAt);
      if (joined != null) joined.publish(em, event);
      else publisher.publish(event);
      fired.add(p.trigger);
    }
    Date now = new Date(clock.millis());
    s.setUpdatedAt(now);
    record(em, fact, d.outcome, d.planned, d.note, now);
    return new FactResult(d.outcome, fired, s.getStatus(), d.note);
  }

  /**
   * Bumps the row first: its write lock serialises facts for one subscription until commit, on
   * PostgreSQL and HSQLDB alike, before anything is read.
   */
  private static void lock(EntityManager em, String id) {
    int n =
        em.createQuery(
                "update SubscriptionEntity s set s.lockTick = s.lockTick + 1 where s.id = :id")
            .setParameter("id", id)
            .executeUpdate();
    if (n == 0) throw new UnknownSubscriptionException(id);
  }

  /**
   * Why a charge fact was seen before, or null when it is new: the same charge reported again is a
   * duplicate; a failure for a charge that succeeded, or a charge id another subscription used, is
   * ignored (prefixed "!" for {@link Decision#set}).
   */
  private static String seenCharge(
      EntityManager em, String subscriptionId, String chargeId, FactKind kind) {
    List<SubscriptionFactEntity> prior =
        em.createQuery(
                "select f from SubscriptionFactEntity f where f.chargeId = :c",
                SubscriptionFactEntity.class)
            .setParameter("c", chargeId)
            .getResultList();
    String other = null;
    boolean succeeded = false;
    for (SubscriptionFactEntity p : prior) {
      if (p.getSubscriptionId().equals(subscriptionId)) {
        if (p.getKind() == kind) return "charge " + chargeId + " was already reported";
        if (p.getKind() == FactKind.CHARGE_SUCCEEDED) succeeded = true;
      } else if (p.getOutcome() == Outcome.APPLIED) {
        other = p.getSubscriptionId();
      }
    }
    if (other != null) {
      return "!charge id " + chargeId + " was already reported for subscription " + other;
    }
    if (succeeded) return "!charge " + chargeId + " already succeeded";
    return null;
  }

  private static void endRun(SubscriptionEntity s) {
    s.setFailuresInRow(0);
    s.setCardUpdatedInRun(false);
    s.setRunStartedAt(null);
  }

  private static StoreEvent event(SubscriptionEntity s, Planned p, Instant at) {
    boolean charge = p.amount != null;
    BigDecimal unit = charge ? p.amount : s.getPrice();
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(p.trigger)
            .occurredAt(at)
            .email(s.getEmail())
            .firstName(s.getFirstName())
            .reference(s.getId())
            .eventKey(p.key)
            .currency(charge ? p.currency : s.getCurrency())
            .test(s.isTest())
            .addLine(
                EventLine.builder()
                    .productId(s.getProductId())
                    .sku(s.getSku())
                    .name(s.getProductName())
                    .quantity(1)
                    .unitPrice(unit)
                    .build());
    if (charge) b.subtotal(p.amount).total(p.amount);
    return b.build();
  }

  private static void record(
      EntityManager em, Fact fact, Outcome outcome, List<Planned> fired, String note, Date now) {
    SubscriptionFactEntity e = new SubscriptionFactEntity();
    e.setSubscriptionId(fact.subscriptionId);
    e.setKind(fact.kind);
    e.setChargeId(fact.chargeId);
    e.setOccurredAt(Date.from(fact.occurredAt));
    e.setReceivedAt(now);
    e.setOutcome(outcome);
    e.setAmount(fact.amount);
    e.setDetail(clip(fact.detail));
    e.setNote(clip(note));
    StringBuilder t = new StringBuilder();
    for (Planned p : fired) t.append(t.length() == 0 ? "" : ",").append(p.trigger.name());
    e.setTriggers(t.length() == 0 ? null : clip(t.toString()));
    em.persist(e);
  }

  private static String clip(String s) {
    if (s == null || s.length() <= NOTE_LENGTH) return s;
    return s.substring(0, NOTE_LENGTH - 1) + "\u2026";
  }

  private static void log(String what, FactResult r) {
    // No email here: the fact's toString names the subscription and charge only.
    if (r.outcome() == Outcome.IGNORED) {
      LOG.info(what + " ignored: " + r.note());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug(what + " " + r);
    }
  }

  /** The fact as recorded in CK_SUB_FACT. */
  private static final class Fact {
    final FactKind kind;
    final String subscriptionId;
    final Instant occurredAt;
    String chargeId;
    BigDecimal amount;
    String detail;

    Fact(FactKind kind, String subscriptionId, Instant occurredAt) {
      this.kind = kind;
      this.subscriptionId = subscriptionId;
      this.occurredAt = occurredAt;
    }
  }

  /** An event to publish: its trigger and key, and the money for Subscription Charged. */
  private static final class Planned {
    final Trigger trigger;
    final String key;
    final BigDecimal amount;
    final String currency;

    Planned(Trigger trigger, String key, BigDecimal amount, String currency) {
      this.trigger = trigger;
      this.key = key;
      this.amount = amount;
      this.currency = currency;
    }
  }

  /** What a rule decided: applied (with events), duplicate or ignored, and a note. */
  private static final class Decision {
    Outcome outcome = Outcome.APPLIED;
    String note;
    final List<Planned> planned = new ArrayList<Planned>();

    void fire(Trigger t, String key, BigDecimal amount, String currency) {
      planned.add(new Planned(t, key, amount, currency));
    }

    Decision ignore(String why) {
      outcome = Outcome.IGNORED;
      note = why;
      planned.clear();
      return this;
    }

    /** From {@link #seenCharge}: "!" marks a reason to ignore, otherwise a duplicate. */
    Decision set(String seen) {
      if (seen.startsWith("!")) return ignore(seen.substring(1));
      outcome = Outcome.DUPLICATE;
      note = seen;
      return this;
    }
  }

  /**
   * Configures a {@link JpaSubscriptionLifecycle}. Required: {@link #entityManagerFactory} (the
   * persistence unit holding {@link SubscriptionEntity} and {@link SubscriptionFactEntity}) and
   * {@link #publisher}.
   */
  public static final class Builder {
    private EntityManagerFactory emf;
    private EventPublisher publisher;
    private int delinquentAfter = DEFAULT_DELINQUENT_AFTER;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder entityManagerFactory(EntityManagerFactory emf) {
      this.emf = emf;
      return this;
    }

    /** The engine's publisher ({@code IntegrationEngine.publisher()}). */
    public Builder publisher(EventPublisher publisher) {
      this.publisher = publisher;
      return this;
    }

    /** Failed charges in a row that make a subscription delinquent; default 4, at least 1. */
    public Builder delinquentAfter(int failures) {
      if (failures < 1) throw new IllegalArgumentException("delinquentAfter must be at least 1");
      this.delinquentAfter = failures;
      return this;
    }

    /** Stamps when facts were received; default the system clock. */
    public Builder clock(Clock clock) {
      if (clock == null) throw new NullPointerException("clock");
      this.clock = clock;
      return this;
    }

    /**
     * @throws IllegalStateException when a required part is missing
     */
    public JpaSubscriptionLifecycle build() {
      if (emf == null) throw new IllegalStateException("entityManagerFactory is required");
      if (publisher == null) throw new IllegalStateException("publisher is required");
      return new JpaSubscriptionLifecycle(this);
    }
  }
}

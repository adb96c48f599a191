package com.ckengine.engine;

import com.ckengine.api.EventLine;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;
import com.ckengine.engine.store.ActionEntity;
import com.ckengine.engine.store.CachedTagEntity;
import com.ckengine.engine.store.EventEntity;
import com.ckengine.engine.store.IntegrationEntity;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PurchaseRecordEntity;
import com.ckengine.kit.ApiSecret;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitPurchaseReceipt;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.KitTag;
import com.ckengine.kit.Purchase;
import com.ckengine.kit.PurchaseLine;
import com.ckengine.kit.TagSubscriberRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.persistence.EntityManager;

/**
 * Delivers one action: claims it with a conditional UPDATE, makes the Kit call(s), and records the
 * outcome under the same claim token, so a worker whose claim was taken over (it stalled past the
 * claim's expiry) can never overwrite the newer result.
 *
 * <p>The claim also counts the attempt before Kit is called: a process dying mid-call leaves a
 * claimed row that another worker takes over when the claim expires, and the log shows the attempt.
 * Tagging again is harmless in Kit; purchases are guarded by {@code CK_PURCHASE_SENT} and a stable
 * transaction id.
 */
final class Delivery {
  private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
  static final String PRIMARY_EMAIL_NOTE =
      "this is the Kit account's own primary email address: "
          + "Kit ignores tags and purchases for it, so nothing will show in Kit";

  private final Jpa jpa;
  private final KitClient kit;
  private final SecretCipher cipher;
  private final IntegrationService integrations;
  private final Clock clock;
  private final Backoff backoff;
  private final long claimMillis;
  private final long horizonMillis;

  Delivery(
      Jpa jpa,
      KitClient kit,
      SecretCipher cipher,
      IntegrationService integrations,
      Clock clock,
      Backoff backoff,
      long claimMillis,
      long horizonMillis) {
    this.jpa = jpa;
    this.kit = kit;
    this.cipher = cipher;
    this.integrations = integrations;
    this.clock = clock;
    this.backoff = backoff;
    this.claimMillis = claimMillis;
    this.horizonMillis = horizonMillis;
  }

  /** Ids of due, unclaimed actions of one integration, oldest due first. */
  List<Long> due(final long integrationId, final int max) {
    final Date now = new Date(clock.millis());
    return jpa.tx(
        new Jpa.Work<List<Long>>() {
          @Override
          public List<Long> run(EntityManager em) {
            return em.createQuery(
                    "select a.id from ActionEntity a where a.integrationId = :i "
                        + "and a.status in (:open) and a.dueAt <= :now "
                        + "and (a.claimToken is null or a.claimedUntil < :now) order by a.dueAt, a.id",
                    Long.class)
                .setParameter("i", integrationId)
                .setParameter("open", Outbox.OPEN)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
          }
        });
  }

  /** Integrations that have due actions. */
  List<Long> integrationsWithDueWork() {
    final Date now = new Date(clock.millis());
    return jpa.tx(
        new Jpa.Work<List<Long>>() {
          @Override
          public List<Long> run(EntityManager em) {
            return em.createQuery(
                    "select distinct a.integrationId from ActionEntity a "
                        + "where a.status in (:open) and a.dueAt <= :now and a.integrationId is not null "
                        + "and (a.claimToken is null or a.claimedUntil < :now) "
                        // Kit refused the secret: hold the actions until the operator replaces it.
                        + "and a.integrationId not in (select i.id from IntegrationEntity i where i.status = :na)",
                    Long.class)
                .setParameter("open", Outbox.OPEN)
                .setParameter("now", now)
                .setParameter("na", IntegrationStatus.NEEDS_ATTENTION)
                .getResultList();
          }
        });
  }

  /**
   * Claims and delivers action {@code id}.
   *
   * @return what happened, or null when the action was not claimable
   */
  Result deliver(long id) {
    Task task = claim(id);
    if (task == null) return null;
    Result r;
    try {
      r = perform(task);
    } catch (SecretCipher.SecretKeyException e) {
      // A configuration problem the operator can fix: keep retrying, say why.
      r = Result.retry(0, e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivering action " + id + " failed unexpectedly", e);
      r = Result.retry(0, "unexpected error: " + e.getClass().getSimpleName());
    }
    record(task, r);
    return r;
  }

  private Task claim(final long id) {
    final String token = UUID.randomUUID().toString();
    final Date now = new Date(clock.millis());
    return jpa.tx(
        new Jpa.Work<Task>() {
          @Override
          public Task run(EntityManager em) {
            ActionEntity before = em.find(ActionEntity.class, id);
            if (before == null) return null;
            // A claim left behind means a worker stopped mid-delivery: Kit may have the call
            // already.
            boolean inDoubt = before.getClaimToken() != null;
            int n =
                em.createQuery(
                        "update ActionEntity a set a.claimToken = :t, a.claimedUntil = :u, "
                            + "a.attempts = a.attempts + 1, a.lastAttemptAt = :now, "
                            + "a.firstAttemptAt = coalesce(a.firstAttemptAt, :now) "
                            + "where a.id = :id and a.status in (:open) and a.dueAt <= :now "
                            + "and (a.claimToken is null or a.claimedUntil < :now)")
                    .setParameter("t", token)
                    .setParameter("u", new Date(now.getTime() + claimMillis))
                    .setParameter("now", now)
                    .setParameter("id", id)
                    .setParameter("open", Outbox.OPEN)
                    .executeUpdate();
            if (n != 1) return null;
            em.refresh(before);
            ActionEntity a = before;
            EventEntity e = em.find(EventEntity.class, a.getEventId());
            IntegrationEntity i = em.find(IntegrationEntity.class, a.getIntegrationId());
            return new Task(a, e, i, token, inDoubt);
          }
        });
  }

  private Result perform(Task t) {
    if (t.integration == null) return Result.skip("the integration was deleted");
    ApiSecret secret = ApiSecret.of(cipher.decrypt(t.integration.getSecretCiphertext()));
    switch (t.action.getAction()) {
      case ADD_TAG:
        return addTags(t, secret);
      case REMOVE_TAG:
        return removeTags(t, secret);
      case ADD_PURCHASE:
        return purchase(t, secret);
      default:
        return Result.fail(0, "unknown action " + t.action.getAction());
    }
  }

  private Result addTags(Task t, ApiSecret secret) {
    List<Long> ids = new ArrayList<Long>();
    for (RuleTag tag : TagSpec.read(t.action.getTagSpec())) {
      if (tag.kitTagId() != null) {
        ids.add(tag.kitTagId());
        continue;
      }
      Object found = findOrCreateTag(t.integration.getId(), secret, tag.name(), true);
      if (found instanceof Result) return (Result) found;
      ids.add((Long) found);
    }
    KitResult<?> r =
        kit.tagSubscriber(
            secret,
            TagSubscriberRequest.builder()
                .email(t.event.getEmail())
                .firstName(t.event.getFirstName())
                .tagIds(ids)
                .build());
    return Result.of(r, "tagged");
  }

  private Result removeTags(Task t, ApiSecret secret) {
    boolean called = false;
    List<String> absent = new ArrayList<String>();
    for (RuleTag tag : TagSpec.read(t.action.getTagSpec())) {
      Long id = tag.kitTagId();
      if (id == null) {
        Object found = findOrCreateTag(t.integration.getId(), secret, tag.name(), false);
        if (found instanceof Result) return (Result) found;
        if (found == null) {
          absent.add(tag.name()); // no such tag in Kit: nothing to remove
          continue;
        }
        id = (Long) found;
      }
      KitResult<?> r = kit.removeTag(secret, id, t.event.getEmail());
      called = true;
      if (!r.isSuccess()) return Result.of(r, null);
    }
    if (!called) return Result.skip("no such tag in Kit: " + join(absent));
    return Result.ok(200, absent.isEmpty() ? "removed" : "removed; not in Kit: " + join(absent));
  }

  private Result purchase(Task t, final ApiSecret secret) {
    final String txId =
        t.event.getTrigger() == Trigger.PRODUCT_PURCHASED
            ? t.event.getReference()
            : t.event.getEventKey();
    final long integrationId = t.integration.getId();
    PurchaseRecordEntity sent =
        jpa.tx(
            new Jpa.Work<PurchaseRecordEntity>() {
              @Override
              public PurchaseRecordEntity run(EntityManager em) {
                return em.find(
                    PurchaseRecordEntity.class, new PurchaseRecordEntity.Key(integrationId, txId));
              }
            });
    if (sent != null) {
      return Result.skip(
          "purchase " + txId + " was already recorded in Kit by action " + sent.getActionId());
    }
    if (t.inDoubt) {
      // Kit does not document whether a repeated transaction id updates or duplicates, and offers
      // no look-up by it: sending again could record the purchase twice. Leave it to a person.
      return Result.fail(
          0,
          "the previous attempt stopped mid-call (the process ended), so Kit "
              + "may or may not have recorded purchase "
              + txId
              + ": check Kit, and retry this "
              + "action only if the purchase is missing");
    }
    List<EventLine> lines = Outbox.lines(t.event);
    if (lines.isEmpty() || t.event.getCurrency() == null) {
      return Result.skip("the event has no lines to record as a purchase");
    }
    Purchase.Builder p =
        Purchase.builder()
            .transactionId(txId)
            .emailAddress(t.event.getEmail())
            .firstName(t.event.getFirstName())
            .currency(t.event.getCurrency())
            .transactionTime(t.event.getOccurredAt().toInstant())
            .subtotal(t.event.getSubtotal())
            .tax(t.event.getTax())
            .shipping(t.event.getShipping())
            .discount(t.event.getDiscount())
            .total(t.event.getTotal());
    int lid = 0;
    for (EventLine l : lines) {
      p.addProduct(
          PurchaseLine.builder()
              .pid(l.productId())
              .lid(++lid)
              .name(l.name())
              .sku(l.sku() != null ? l.sku() : String.valueOf(l.productId()))
              .unitPrice(l.unitPrice())
              .quantity(l.quantity())
              .build());
    }
    KitResult<KitPurchaseReceipt> r = kit.recordPurchase(secret, p.build());
    Result out = Result.of(r, "purchase " + txId + " recorded");
    if (r.isSuccess()) {
      out.purchaseTx = txId;
      out.kitPurchaseId = r.value().id();
    }
    return out;
  }

  /**
   * The Kit id of the tag named {@code name}: from the cached tags, else after re-reading the
   * account's tags, else (when {@code create}) by creating it. Returns a Long, null (absent and not
   * created) or a failing {@link Result}.
   */
  private Object findOrCreateTag(
      final long integrationId, ApiSecret secret, String name, boolean create) {
    Long id = cachedTag(integrationId, name);
    if (id != null) return id;
    final KitResult<List<KitTag>> all = kit.listTags(secret);
    if (!all.isSuccess()) return Result.of(all, null);
    final Date now = new Date(clock.millis());
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            IntegrationEntity i = em.find(IntegrationEntity.class, integrationId);
            if (i != null) IntegrationService.replaceTags(em, i, all.value(), now);
            return null;
          }
        });
    for (KitTag t : all.value()) {
      if (t.name().equalsIgnoreCase(name)) return t.id();
    }
    if (!create) return null;
    final KitResult<KitTag> made = kit.createTag(secret, name);
    if (!made.isSuccess()) return Result.of(made, null);
    jpa.tx(
        new Jpa.Work<Void>() {
          @Override
          public Void run(EntityManager em) {
            em.persist(new CachedTagEntity(integrationId, made.value().id(), made.value().name()));
            return null;
          }
        });
    return made.value().id();
  }

  private Long cachedTag(final long integrationId, final String name) {
    return jpa.tx(
        new Jpa.Work<Long>() {
          @Override
          public Long run(EntityManager em) {
            List<Long> ids =
                em.createQuery(
                        "select t.kitTagId from CachedTagEntity t where "
                            + "t.integrationId = :i and lower(t.name) = :n",
                        Long.class)
                    .setParameter("i", integrationId)
                    .setParameter("n", name.toLowerCase(Locale.ROOT))
                    .getResultList();
            return ids.isEmpty() ? null : ids.get(0);
          }
        });
  }

  private void record(final Task t, final Result r) {
    final Date now = new Date(clock.millis());
    final ActionStatus status;
    final Date due;
    String message = r.message;
    if (r.status == ActionStatus.RETRYING) {
      long delay = backoff.delayMillis(t.action.getAttempts());
      long first =
          t.action.getFirstAttemptAt() == null
              ? now.getTime()
              : t.action.getFirstAttemptAt().getTime();
      if (now.getTime() + delay - first > horizonMillis) {
        status = ActionStatus.FAILED;
        message = "gave up after " + t.action.getAttempts() + " attempts: " + r.message;
        due = t.action.getDueAt();
      } else {
        status = ActionStatus.RETRYING;
        due = new Date(now.getTime() + delay);
      }
    } else {
      status = r.status;
      due = t.action.getDueAt();
    }
    final String msg = message;
    final boolean primary =
        t.integration != null
            && t.integration.getPrimaryEmail() != null
            && t.integration.getPrimaryEmail().equalsIgnoreCase(t.event.getEmail());
    int n =
        jpa.tx(
            new Jpa.Work<Integer>() {
              @Override
              public Integer run(EntityManager em) {
                javax.persistence.Query q =
                    em.createQuery(
                            "update ActionEntity a set a.status = :s, a.dueAt = :due, "
                                + "a.lastHttpStatus = :h, a.lastMessage = :m, a.claimToken = null, a.claimedUntil = null, "
                                + "a.finishedAt = :fin"
                                + (primary ? ", a.note = :note" : "")
                                + " where a.id = :id and a.claimToken = :t")
                        .setParameter("s", status)
                        .setParameter("due", due)
                        .setParameter("h", r.httpStatus == 0 ? null : r.httpStatus)
                        .setParameter("m", com.ckengine.engine.store.Columns.clip(msg, 1000))
                        .setParameter("fin", status.isOpen() ? null : now)
                        .setParameter("id", t.action.getId())
                        .setParameter("t", t.token);
                if (primary) q.setParameter("note", PRIMARY_EMAIL_NOTE);
                int n = q.executeUpdate();
                if (n == 1 && r.purchaseTx != null) {
                  em.persist(
                      new PurchaseRecordEntity(
                          t.integration.getId(),
                          r.purchaseTx,
                          t.action.getId(),
                          r.kitPurchaseId,
                          now));
                }
                return n;
              }
            });
    if (n == 0) {
      LOG.warning(
          "action "
              + t.action.getId()
              + " was taken over by another worker; "
              + "its outcome here ("
              + status
              + ") is not recorded");
    }
    if (r.outcome == KitOutcome.BAD_CREDENTIALS && t.integration != null) {
      integrations.markNeedsAttention(
          t.integration.getId(),
          "Kit refused the API secret: " + r.message + ". Replace the secret.");
    }
  }

  private static String join(List<String> l) {
    StringBuilder b = new StringBuilder();
    for (String s : l) b.append(b.length() == 0 ? "" : ", ").append(s);
    return b.toString();
  }

  /** What a worker needs of an action, read when it was claimed. */
  private static final class Task {
    final ActionEntity action;
    final EventEntity event;
    final IntegrationEntity integration;
    final String token;
    final boolean inDoubt;

    Task(
        ActionEntity action,
        EventEntity event,
        IntegrationEntity integration,
        String token,
        boolean inDoubt) {
      this.action = action;
      this.event = event;
      this.integration = integration;
      this.token = token;
      this.inDoubt = inDoubt;
    }
  }

  /** The outcome of one delivery attempt. */
  static final class Result {
    final ActionStatus status;
    final int httpStatus;
    final String message;
    final KitOutcome outcome;

    /** A Kit call was made: the rate window moved. */
    final boolean called;

    String purchaseTx;
    Long kitPurchaseId;

    private Result(
        ActionStatus status, int httpStatus, String message, KitOutcome outcome, boolean called) {
      this.status = status;
      this.httpStatus = httpStatus;
      this.message = message;
      this.outcome = outcome;
      this.called = called;
    }

    static Result of(KitResult<?> r, String successMessage) {
      if (r.isSuccess()) {
        return new Result(
            ActionStatus.DELIVERED, r.httpStatus(), successMessage, r.outcome(), true);
      }
      String m = r.outcome() + ": " + r.message();
      return new Result(
          r.isRetryable() ? ActionStatus.RETRYING : ActionStatus.FAILED,
          r.httpStatus(),
          m,
          r.outcome(),
          true);
    }

    static Result ok(int http, String message) {
      return new Result(ActionStatus.DELIVERED, http, message, KitOutcome.SUCCESS, true);
    }

    static Result skip(String why) {
      return new Result(ActionStatus.SKIPPED, 0, why, null, false);
    }

    static Result fail(int http, String why) {
      return new Result(ActionStatus.FAILED, http, why, null, false);
    }

    static Result retry(int http, String why) {
      return new Result(ActionStatus.RETRYING, http, why, null, false);
    }
  }
}

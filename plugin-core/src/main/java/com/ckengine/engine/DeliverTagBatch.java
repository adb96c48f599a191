package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.kit.BulkSubscriber;
import com.ckengine.kit.KitBulkSubscribers;
import com.ckengine.kit.KitBulkTaggings;
import com.ckengine.kit.KitClient;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitOutcome;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.Tagging;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers several Add Tag actions of one integration in Kit's bulk calls, when its credential can
 * make them (an OAuth token): claim them, resolve their tags, create or update their subscribers in
 * one call ({@link KitClient#bulkUpsertSubscribers}, first names included), tag them in one call
 * per {@link KitClient#BULK_SYNC_LIMIT} taggings ({@link KitClient#bulkTagSubscribers}), and record
 * each action as its own result, through the same {@link DeliverAction#record} a single delivery
 * uses. So 100 actions of two tags cost 3 requests where one by one they cost 300.
 *
 * <p>Each action's result is Kit's answer for it: delivered; or the item's own failure (a deleted
 * tag fails that action alone with Kit's reason); or, when a whole call failed, that call's answer
 * for every action it carried, as a single call's would be (an answer lost after sending is
 * retried: tagging again what Kit already has changes nothing).
 *
 * <p>Which actions, and order: {@link #choose} takes only the first due action of each subscriber
 * (so one subscriber's two actions are never in one batch, and an Add Tag never passes an earlier
 * Remove Tag of the same person); their later actions go one by one after the batch, each claimed
 * only once the earlier one is finished ({@code ActionStore.NO_EARLIER_OPEN_ACTION_OF_ROW}).
 */
final class DeliverTagBatch {
  private static final Log LOG = LogFactory.getLog(DeliverTagBatch.class);

  /** Fewer than this many Add Tag actions go one by one: a bulk call would save nothing. */
  static final int MIN_ACTIONS = 2;

  private final ActionStore store;
  private final IntegrationService integrations;
  private final DeliverAction deliver;
  private final TagResolver tags;
  private final FieldMappings fields;
  private final Clock clock;

  DeliverTagBatch(
      ActionStore store,
      IntegrationService integrations,
      DeliverAction deliver,
      TagResolver tags,
      FieldMappings fields,
      Clock clock) {
    this.store = store;
    this.integrations = integrations;
    this.deliver = deliver;
    this.tags = tags;
    this.fields = fields;
    this.clock = clock;
  }

  /** What became of one batch. */
  static final class Outcome {
    /** Actions whose result was recorded. */
    final int recorded;

    /** Kit refused the credential: the integration's other actions would be refused too. */
    final boolean secretRefused;

    Outcome(int recorded, boolean secretRefused) {
      this.recorded = recorded;
      this.secretRefused = secretRefused;
    }
  }

  /**
   * Whether the integration's Add Tag actions go in Kit's bulk calls (read once per drain): its
   * credential takes them, and it sends no custom field. Kit's bulk upsert of subscribers takes no
   * {@code fields} (its reference lists email, first name and state), so an integration with a
   * field mapping tags one by one, its fields on each subscriber's upsert.
   */
  boolean usesBulk(long integrationId) {
    return integrations.usesBulk(integrationId) && !fields.hasAny(integrationId);
  }

  /**
   * The actions of a due batch (in planned order) to deliver in bulk: each subscriber's first due
   * action when it is an Add Tag, up to {@link KitClient#BULK_SYNC_LIMIT}; none when fewer than
   * {@link #MIN_ACTIONS}.
   */
  static List<Long> choose(List<ActionStore.DueAction> batch) {
    List<Long> chosen = new ArrayList<Long>();
    Set<String> seen = new HashSet<String>();
    for (ActionStore.DueAction a : batch) {
      boolean first = seen.add(a.subscriber);
      if (first && a.action == ActionType.ADD_TAG && chosen.size() < KitClient.BULK_SYNC_LIMIT) {
        chosen.add(a.id);
      }
    }
    return chosen.size() < MIN_ACTIONS ? Collections.<Long>emptyList() : chosen;
  }

  /**
   * Claims, delivers in bulk and records the actions {@code actionIds} (one per subscriber).
   *
   * @throws KitCalls.Throttled when this process's limiter has no permit soon: every action not
   *     recorded was handed back unattempted
   * @throws KitCalls.LeaseLost when the lease was lost: likewise handed back
   */
  Outcome run(List<Long> actionIds, Leases leases, Leases.Lease lease, KitCalls calls) {
    List<Claim> claims = new ArrayList<Claim>();
    for (Long id : actionIds) {
      Claim c = store.claim(id, clock.millis(), leases.claimUntil(lease));
      if (c != null) claims.add(c);
    }
    if (claims.isEmpty()) return new Outcome(0, false);
    calls.working(claims);
    Map<Claim, Attempt> attempts = new IdentityHashMap<Claim, Attempt>();
    List<Claim> toKit = new ArrayList<Claim>();
    for (Claim c : claims) {
      Attempt early = deliver.beforeKit(c);
      if (early != null) attempts.put(c, early);
      else toKit.add(c);
    }
    try {
      if (!toKit.isEmpty()) attempts.putAll(inKit(toKit, calls));
    } catch (KitCalls.Throttled | KitCalls.LeaseLost handBack) {
      for (Claim c : claims) store.release(c);
      throw handBack;
    } catch (SecretCipher.SecretKeyException e) {
      // A configuration problem the operator can fix: keep retrying, say why.
      for (Claim c : toKit) attempts.put(c, Attempt.retry(e.getMessage(), false));
    } catch (RuntimeException e) {
      LOG.warn("delivering a batch of " + toKit.size() + " Add Tag actions failed unexpectedly", e);
      for (Claim c : toKit) {
        attempts.put(c, Attempt.retry("unexpected error: " + e.getClass().getSimpleName(), false));
      }
    }
    boolean refused = false;
    for (Claim c : claims) {
      Attempt a = attempts.get(c).keepingDoubt(c.inDoubt);
      deliver.record(c, a);
      refused |= a.outcome == KitOutcome.BAD_CREDENTIALS;
    }
    return new Outcome(claims.size(), refused);
  }

  /**
   * The bulk calls for claims of one integration; an OAuth token Kit refuses is refreshed once and
   * the refused actions go again with the new one, as a single delivery does.
   */
  private Map<Claim, Attempt> inKit(List<Claim> claims, KitCalls calls) {
    Claim any = claims.get(0);
    KitCredential credential = integrations.credentialFor(any.integration);
    calls.requirePermitSoon(credential);
    Map<Claim, Attempt> attempts = send(claims, credential, calls);
    List<Claim> refused = new ArrayList<Claim>();
    for (Claim c : claims) {
      if (attempts.get(c).outcome == KitOutcome.BAD_CREDENTIALS) refused.add(c);
    }
    if (!refused.isEmpty()) {
      KitCredential refreshed = integrations.refreshedAfterRefusal(any.integration);
      if (refreshed != null) attempts.putAll(send(refused, refreshed, calls));
    }
    return attempts;
  }

  /** Tags resolved, one upsert call, then the tagging calls; an attempt for every claim. */
  private Map<Claim, Attempt> send(List<Claim> claims, KitCredential credential, KitCalls calls) {
    Map<Claim, Attempt> attempts = new IdentityHashMap<Claim, Attempt>();

    // Tags: ids picked in the rules, or found or made in Kit for tags typed by hand.
    Map<Claim, List<Long>> tagIds = new LinkedHashMap<Claim, List<Long>>();
    for (Claim c : claims) {
      AddTagKind.TagIds ids = AddTagKind.tagIds(c, credential, calls, tags);
      if (ids.failure != null) attempts.put(c, Attempt.of(ids.failure, null));
      else tagIds.put(c, ids.ids);
    }
    if (tagIds.isEmpty()) return attempts;

    // Subscribers: created or updated in one call, first names included.
    Map<Claim, BulkSubscriber> subscribers = new LinkedHashMap<Claim, BulkSubscriber>();
    for (Claim c : tagIds.keySet()) {
      subscribers.put(c, BulkSubscriber.of(c.event.getEmail(), c.event.getFirstName()));
    }
    List<BulkSubscriber> upserts = new ArrayList<BulkSubscriber>(subscribers.values());
    KitResult<KitBulkSubscribers> upserted =
        calls.call(credential, s -> calls.kit().bulkUpsertSubscribers(s, upserts));
    Map<Claim, Long> subscriberIds = new LinkedHashMap<Claim, Long>();
    for (Map.Entry<Claim, BulkSubscriber> e : subscribers.entrySet()) {
      if (!upserted.isSuccess()) {
        attempts.put(e.getKey(), Attempt.of(upserted, null)); // the call's answer is everyone's
        continue;
      }
      KitResult<Long> one = upserted.value().resultFor(e.getValue());
      if (one.isSuccess()) subscriberIds.put(e.getKey(), one.value());
      else attempts.put(e.getKey(), Attempt.of(one, null));
    }

    // Taggings: in calls of at most BULK_SYNC_LIMIT, each action's taggings in order.
    int lastStatus = upserted.httpStatus();
    for (TaggingCall call : taggingCalls(subscriberIds, tagIds)) {
      KitResult<KitBulkTaggings> tagged =
          calls.call(credential, s -> calls.kit().bulkTagSubscribers(s, call.taggings));
      lastStatus = tagged.httpStatus();
      for (Map.Entry<Claim, List<Long>> e : call.tagIdsOf.entrySet()) {
        if (attempts.containsKey(e.getKey())) continue; // failed in an earlier call
        if (!tagged.isSuccess()) {
          attempts.put(e.getKey(), Attempt.of(tagged, null)); // the call's answer is everyone's
          continue;
        }
        long subscriberId = subscriberIds.get(e.getKey());
        KitResult<Long> one = tagged.value().resultFor(subscriberId, e.getValue());
        if (!one.isSuccess()) attempts.put(e.getKey(), Attempt.of(one, null));
      }
    }
    for (Claim c : subscriberIds.keySet()) {
      if (!attempts.containsKey(c)) attempts.put(c, Attempt.delivered(lastStatus, "tagged"));
    }
    return attempts;
  }

  /** One bulk tagging call: its taggings, and which of them are whose. */
  private static final class TaggingCall {
    final List<Tagging> taggings = new ArrayList<Tagging>();
    final Map<Claim, List<Long>> tagIdsOf = new LinkedHashMap<Claim, List<Long>>();
  }

  private static List<TaggingCall> taggingCalls(
      Map<Claim, Long> subscriberIds, Map<Claim, List<Long>> tagIds) {
    List<TaggingCall> calls = new ArrayList<TaggingCall>();
    TaggingCall current = null;
    for (Map.Entry<Claim, Long> e : subscriberIds.entrySet()) {
      for (Long tagId : tagIds.get(e.getKey())) {
        if (current == null || current.taggings.size() == KitClient.BULK_SYNC_LIMIT) {
          current = new TaggingCall();
          calls.add(current);
        }
        current.taggings.add(Tagging.of(tagId, e.getValue()));
        current.tagIdsOf.computeIfAbsent(e.getKey(), k -> new ArrayList<Long>()).add(tagId);
      }
    }
    return calls;
  }
}

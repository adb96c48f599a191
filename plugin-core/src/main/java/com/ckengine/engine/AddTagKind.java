package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import com.ckengine.kit.TagSubscriberRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Add Tag To Subscriber: one call tags the subscriber (created by Kit if new, with first name and
 * the integration's mapped custom fields) with every tag of the action; tags typed by hand are
 * found or created first. Tagging twice is harmless in Kit, so an unknown answer is simply retried.
 * With an OAuth token several of these actions go together in Kit's bulk calls ({@link
 * DeliverTagBatch}), which resolve their tags here too ({@link #tagIds}).
 */
final class AddTagKind extends ActionKind {
  @Override
  public ActionType type() {
    return ActionType.ADD_TAG;
  }

  @Override
  public String sent(LogEntry e) {
    return "Tag the subscriber " + e.email() + " with: " + (e.tags() == null ? "" : e.tags());
  }

  @Override
  Attempt deliver(Claim c, KitCredential credential, KitCalls calls, DeliveryParts parts) {
    TagIds ids = tagIds(c, credential, calls, parts.tags);
    if (ids.failure != null) return Attempt.of(ids.failure, null);
    FieldMappings.Values values =
        parts.fields.valuesFor(c.integration.getId(), c.event.getFactsJson());
    TagSubscriberRequest request =
        TagSubscriberRequest.builder()
            .email(c.event.getEmail())
            .firstName(c.event.getFirstName())
            .tagIds(ids.ids)
            .fields(values.fields)
            .build();
    return Attempt.of(
        calls.call(credential, s -> calls.kit().tagSubscriber(s, request)),
        values.describe("tagged"));
  }

  /** Kit's id of each tag of the action, or the failed Kit call that stopped the look-up. */
  static final class TagIds {
    final List<Long> ids;
    final KitResult<?> failure;

    private TagIds(List<Long> ids, KitResult<?> failure) {
      this.ids = ids;
      this.failure = failure;
    }
  }

  /**
   * The ids to tag with today: a tag picked from the account by its id (or the id of a tag of the
   * same name that replaced it), a tag typed by hand found or created in Kit. Shared with {@link
   * DeliverTagBatch}, so a batch resolves tags exactly as one action does.
   */
  static TagIds tagIds(Claim c, KitCredential credential, KitCalls calls, TagResolver tags) {
    List<Long> ids = new ArrayList<Long>();
    for (RuleTag tag : c.tags) {
      if (tag.kitTagId() != null) {
        ids.add(tags.current(c.integration.getId(), tag));
        continue;
      }
      TagResolver.Found f = tags.find(c.integration.getId(), credential, tag.name(), true, calls);
      if (f.failure != null) return new TagIds(null, f.failure);
      ids.add(f.id);
    }
    return new TagIds(ids, null);
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.TagSubscriberRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Add Tag To Subscriber: one call tags the subscriber (created by Kit if new) with every tag of the
 * action; tags typed by hand are found or created first. Tagging twice is harmless in Kit, so an
 * unknown answer is simply retried.
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
  Attempt deliver(Claim c, KitCredential secret, KitCalls calls, DeliveryParts parts) {
    TagResolver tags = parts.tags;
    List<Long> ids = new ArrayList<Long>();
    for (RuleTag tag : c.tags) {
      if (tag.kitTagId() != null) {
        ids.add(tags.current(c.integration.getId(), tag));
        continue;
      }
      TagResolver.Found f = tags.find(c.integration.getId(), secret, tag.name(), true, calls);
      if (f.failure != null) return Attempt.of(f.failure, null);
      ids.add(f.id);
    }
    TagSubscriberRequest request =
        TagSubscriberRequest.builder()
            .email(c.event.getEmail())
            .firstName(c.event.getFirstName())
            .tagIds(ids)
            .build();
    return Attempt.of(calls.call(secret, s -> calls.kit().tagSubscriber(s, request)), "tagged");
  }
}

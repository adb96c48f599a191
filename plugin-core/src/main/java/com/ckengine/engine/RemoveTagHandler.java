package com.ckengine.engine;

import com.ckengine.api.RuleTag;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.KitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Remove Tag From Subscriber: one call per tag. A tag that is not in Kit has nothing to remove; if
 * none of the tags exists the action is SKIPPED and says so.
 */
final class RemoveTagHandler implements ActionHandler {
  private final TagResolver tags;

  RemoveTagHandler(TagResolver tags) {
    this.tags = tags;
  }

  @Override
  public Attempt handle(Claim c, KitCredential secret, KitCalls calls) {
    boolean removedAny = false;
    List<String> absent = new ArrayList<String>();
    for (RuleTag tag : c.tags) {
      Long id = tag.kitTagId() == null ? null : tags.current(c.integration.getId(), tag);
      if (id == null) {
        TagResolver.Found f = tags.find(c.integration.getId(), secret, tag.name(), false, calls);
        if (f.failure != null) return Attempt.of(f.failure, null);
        if (f.absent()) {
          absent.add(tag.name());
          continue;
        }
        id = f.id;
      }
      long tagId = id;
      KitResult<?> r = calls.call(secret, s -> calls.kit().removeTag(s, tagId, c.event.getEmail()));
      if (!r.isSuccess()) return Attempt.of(r, null);
      removedAny = true;
    }
    if (!removedAny) return Attempt.skip("no such tag in Kit: " + String.join(", ", absent));
    return Attempt.delivered(
        200, absent.isEmpty() ? "removed" : "removed; not in Kit: " + String.join(", ", absent));
  }
}

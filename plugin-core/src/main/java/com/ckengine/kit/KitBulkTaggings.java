package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kit's synchronous answer to {@link KitClient#bulkTagSubscribers}: a subscriber entry per tagging
 * made, and per tagging not made Kit's errors with the tagging as Kit echoed it. Kit's reference
 * shows the side it could not find echoed as null ({@code "Subscriber does not exist"} with {@code
 * subscriber_id: null}); {@link #resultFor} reads both forms. Immutable.
 */
public final class KitBulkTaggings {
  private final int httpStatus;
  private final Map<Long, Integer> taggedBySubscriber;
  private final List<Failure> failures;

  private KitBulkTaggings(
      int httpStatus, Map<Long, Integer> taggedBySubscriber, List<Failure> failures) {
    this.httpStatus = httpStatus;
    this.taggedBySubscriber = Collections.unmodifiableMap(taggedBySubscriber);
    this.failures = Collections.unmodifiableList(failures);
  }

  /** One tagging Kit did not make, as Kit echoed it (either id may be null), and why. */
  public static final class Failure {
    private final Long tagId;
    private final Long subscriberId;
    private final List<String> errors;

    Failure(Long tagId, Long subscriberId, List<String> errors) {
      this.tagId = tagId;
      this.subscriberId = subscriberId;
      this.errors = Collections.unmodifiableList(errors);
    }

    public Long tagId() {
      return tagId;
    }

    public Long subscriberId() {
      return subscriberId;
    }

    public List<String> errors() {
      return errors;
    }

    /**
     * {@code NOT_FOUND} when Kit says the tag or subscriber does not exist, else {@code REJECTED}.
     */
    KitOutcome outcome() {
      for (String e : errors) {
        if (e.toLowerCase(Locale.ROOT).contains("does not exist")) return KitOutcome.NOT_FOUND;
      }
      return KitOutcome.REJECTED;
    }

    String describe(long subscriber) {
      String what = tagId == null ? "subscriber " + subscriber : "tag " + tagId;
      String words = String.join("; ", errors);
      return outcome() == KitOutcome.NOT_FOUND
          ? what + " not found in Kit: " + words
          : "Kit refused tagging subscriber " + subscriber + ": " + words;
    }
  }

  /** How many taggings Kit answered as made for this subscriber (one entry per tagging). */
  public int taggedCount(long subscriberId) {
    Integer n = taggedBySubscriber.get(subscriberId);
    return n == null ? 0 : n;
  }

  public List<Failure> failures() {
    return failures;
  }

  /**
   * What became of one subscriber's taggings in the call that sent {@code tagIds} for it: success
   * (the subscriber's id), or the first failure that names it: by its id, or, when Kit echoed the
   * subscriber as null, by one of its tags while Kit confirmed fewer of its taggings than were
   * sent. {@code NOT_FOUND} for a tag or subscriber Kit does not have, else {@code REJECTED}.
   */
  public KitResult<Long> resultFor(long subscriberId, Collection<Long> tagIds) {
    boolean allConfirmed = taggedCount(subscriberId) >= tagIds.size();
    for (Failure f : failures) {
      boolean named =
          f.subscriberId != null
              && f.subscriberId == subscriberId
              && (f.tagId == null || tagIds.contains(f.tagId));
      boolean maybe =
          f.subscriberId == null && f.tagId != null && tagIds.contains(f.tagId) && !allConfirmed;
      if (named || maybe) {
        return KitResult.failure(f.outcome(), httpStatus, f.describe(subscriberId));
      }
    }
    return KitResult.success(subscriberId, httpStatus);
  }

  /** Reads Kit's 200 answer {@code {"subscribers":[{"id",...,"tagged_at"}],"failures":[..]}}. */
  static KitBulkTaggings read(
      int httpStatus, JsonNode json, java.util.function.UnaryOperator<String> scrub)
      throws IOException {
    Map<Long, Integer> tagged = new HashMap<Long, Integer>();
    for (JsonNode s : KitJson.array(json, "subscribers"))
      tagged.merge(KitJson.id(s), 1, Integer::sum);
    List<Failure> failures = new ArrayList<Failure>();
    for (JsonNode f : KitJson.array(json, "failures")) {
      JsonNode tagging = f.path("tagging");
      failures.add(
          new Failure(
              idOrNull(tagging, "tag_id"),
              idOrNull(tagging, "subscriber_id"),
              KitBulkSubscribers.errors(f, scrub)));
    }
    return new KitBulkTaggings(httpStatus, tagged, failures);
  }

  private static Long idOrNull(JsonNode json, String field) {
    JsonNode id = json.get(field);
    return id != null && id.isIntegralNumber() ? id.asLong() : null;
  }

  @Override
  public String toString() {
    int made = 0;
    for (int n : taggedBySubscriber.values()) made += n;
    return "KitBulkTaggings[" + made + " made, " + failures.size() + " failed]";
  }
}

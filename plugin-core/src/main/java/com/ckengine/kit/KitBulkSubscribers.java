package com.ckengine.kit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kit's synchronous answer to {@link KitClient#bulkUpsertSubscribers}: the subscribers it created
 * or updated (email to Kit's id) and, per subscriber it could not, Kit's errors. {@link
 * #resultFor(BulkSubscriber)} says what became of one of the request's subscribers. Immutable.
 */
public final class KitBulkSubscribers {
  private final int httpStatus;
  private final Map<String, Long> idsByEmail;
  private final List<Failure> failures;

  private KitBulkSubscribers(int httpStatus, Map<String, Long> idsByEmail, List<Failure> failures) {
    this.httpStatus = httpStatus;
    this.idsByEmail = Collections.unmodifiableMap(idsByEmail);
    this.failures = Collections.unmodifiableList(failures);
  }

  /** One subscriber Kit did not create or update, as Kit echoed it, and why. */
  public static final class Failure {
    private final String email;
    private final String firstName;
    private final List<String> errors;

    Failure(String email, String firstName, List<String> errors) {
      this.email = email;
      this.firstName = firstName;
      this.errors = Collections.unmodifiableList(errors);
    }

    /** As Kit echoed it; null when Kit found it invalid (Kit's example answers it null). */
    public String email() {
      return email;
    }

    public String firstName() {
      return firstName;
    }

    public List<String> errors() {
      return errors;
    }
  }

  /** Kit's id of each subscriber created or updated, by email as Kit answered it (lower case). */
  public Map<String, Long> idsByEmail() {
    return idsByEmail;
  }

  public List<Failure> failures() {
    return failures;
  }

  /** Kit's id for this email (case ignored), or null when Kit did not create or update it. */
  public Long subscriberId(String email) {
    return idsByEmail.get(email.toLowerCase(Locale.ROOT));
  }

  /**
   * What became of one subscriber of the request: its id; {@code REJECTED} with Kit's errors when a
   * failure names it (by email, or, when Kit nulled an invalid email, by first name); {@code
   * UNKNOWN} when the answer names it nowhere (asking again is harmless: it is an upsert).
   */
  public KitResult<Long> resultFor(BulkSubscriber s) {
    Long id = subscriberId(s.email());
    if (id != null) return KitResult.success(id, httpStatus);
    for (Failure f : failures) {
      boolean byEmail = f.email != null && f.email.equalsIgnoreCase(s.email());
      boolean byName = f.email == null && f.firstName != null && f.firstName.equals(s.firstName());
      if (byEmail || byName) {
        return KitResult.failure(
            KitOutcome.REJECTED,
            httpStatus,
            "Kit refused the subscriber: " + String.join("; ", f.errors));
      }
    }
    return KitResult.failure(
        KitOutcome.UNKNOWN,
        httpStatus,
        "Kit's bulk answer named this subscriber neither as created nor as failed; "
            + "Kit may or may not have applied it");
  }

  /**
   * Reads Kit's 200 answer {@code {"subscribers":[{"id","email_address",...}],"failures":[..]}}.
   */
  static KitBulkSubscribers read(
      int httpStatus, JsonNode json, java.util.function.UnaryOperator<String> scrub)
      throws IOException {
    Map<String, Long> ids = new LinkedHashMap<String, Long>();
    for (JsonNode s : KitJson.array(json, "subscribers")) {
      String email = KitJson.text(s, "email_address");
      ids.put(email.toLowerCase(Locale.ROOT), KitJson.id(s));
    }
    List<Failure> failures = new ArrayList<Failure>();
    for (JsonNode f : KitJson.array(json, "failures")) {
      JsonNode s = f.path("subscriber");
      failures.add(
          new Failure(
              s.path("email_address").isTextual() ? s.get("email_address").asText() : null,
              s.path("first_name").isTextual() ? s.get("first_name").asText() : null,
              errors(f, scrub)));
    }
    return new KitBulkSubscribers(httpStatus, ids, failures);
  }

  /**
   * A failure's {@code errors} (each {@code scrub}bed of the credential, should Kit echo it), or
   * one saying Kit gave none.
   */
  static List<String> errors(JsonNode failure, java.util.function.UnaryOperator<String> scrub) {
    List<String> errors = new ArrayList<String>();
    for (JsonNode e : failure.path("errors")) {
      if (!e.asText("").isEmpty()) errors.add(scrub.apply(e.asText()));
    }
    if (errors.isEmpty()) errors.add("Kit gave no reason");
    return errors;
  }

  @Override
  public String toString() {
    return "KitBulkSubscribers[" + idsByEmail.size() + " upserted, " + failures.size() + " failed]";
  }
}

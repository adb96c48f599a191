package com.ckengine.kit;

/**
 * One subscriber for {@link KitClient#bulkUpsertSubscribers}: an email and, when known, a first
 * name. Kit creates the subscriber, or updates the first name of the one it has. Immutable.
 */
public final class BulkSubscriber {
  private final String email;
  private final String firstName;

  private BulkSubscriber(String email, String firstName) {
    this.email = email;
    this.firstName = firstName;
  }

  /**
   * @param email not blank
   * @param firstName null or blank when unknown (then left out of the request)
   */
  public static BulkSubscriber of(String email, String firstName) {
    if (email == null || email.trim().isEmpty()) throw new IllegalArgumentException("email");
    boolean known = firstName != null && !firstName.trim().isEmpty();
    return new BulkSubscriber(email, known ? firstName : null);
  }

  public String email() {
    return email;
  }

  /** Null when unknown. */
  public String firstName() {
    return firstName;
  }

  @Override
  public String toString() {
    return "BulkSubscriber[" + email + "]";
  }
}

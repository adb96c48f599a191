package com.ckengine.kit;

/** A subscriber as Kit holds it: its id, email, state (e.g. {@code active}) and first name. */
public final class KitSubscriber {
  private final long id;
  private final String emailAddress;
  private final String state;
  private final String firstName;

  public KitSubscriber(long id, String emailAddress, String state, String firstName) {
    this.id = id;
    this.emailAddress = emailAddress == null ? "" : emailAddress;
    this.state = state == null ? "" : state;
    this.firstName = firstName;
  }

  public long id() {
    return id;
  }

  public String emailAddress() {
    return emailAddress;
  }

  public String state() {
    return state;
  }

  /** The first name Kit has, or null. */
  public String firstName() {
    return firstName;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitSubscriber)) return false;
    KitSubscriber that = (KitSubscriber) o;
    return id == that.id
        && emailAddress.equals(that.emailAddress)
        && state.equals(that.state)
        && (firstName == null ? that.firstName == null : firstName.equals(that.firstName));
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(id) * 31 + emailAddress.hashCode()) * 31 + state.hashCode();
  }

  @Override
  public String toString() {
    return "KitSubscriber{" + id + ", " + state + "}";
  }
}

package com.ckengine.kit;

/** The Kit account an API secret opens: what the admin shows after verifying a secret. */
public final class KitAccount {
  private final String name;
  private final String primaryEmail;

  public KitAccount(String name, String primaryEmail) {
    this.name = name == null ? "" : name;
    this.primaryEmail = primaryEmail == null ? "" : primaryEmail;
  }

  public String name() {
    return name;
  }

  public String primaryEmail() {
    return primaryEmail;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KitAccount)) return false;
    KitAccount that = (KitAccount) o;
    return name.equals(that.name) && primaryEmail.equals(that.primaryEmail);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + primaryEmail.hashCode();
  }

  @Override
  public String toString() {
    return "KitAccount{" + name + ", " + primaryEmail + "}";
  }
}

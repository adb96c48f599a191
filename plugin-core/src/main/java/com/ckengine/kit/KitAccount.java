package com.ckengine.kit;

/**
 * The Kit account a credential opens: what the admin shows after verifying it. v4 also says the
 * account's id; v3 does not.
 */
public final class KitAccount {
  private final Long id;
  private final String name;
  private final String primaryEmail;

  /** An account whose id Kit did not say (v3). */
  public KitAccount(String name, String primaryEmail) {
    this(null, name, primaryEmail);
  }

  /** {@code id} may be null when Kit did not say. */
  public KitAccount(Long id, String name, String primaryEmail) {
    this.id = id;
    this.name = name == null ? "" : name;
    this.primaryEmail = primaryEmail == null ? "" : primaryEmail;
  }

  /** Kit's id of the account, or null when Kit did not say (v3). */
  public Long id() {
    return id;
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
    return (id == null ? that.id == null : id.equals(that.id))
        && name.equals(that.name)
        && primaryEmail.equals(that.primaryEmail);
  }

  @Override
  public int hashCode() {
    return ((id == null ? 0 : id.hashCode()) * 31 + name.hashCode()) * 31 + primaryEmail.hashCode();
  }

  @Override
  public String toString() {
    return "KitAccount{" + (id == null ? "" : id + ", ") + name + ", " + primaryEmail + "}";
  }
}

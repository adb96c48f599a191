package com.ckengine.admin.access;

/** What the signed-in admin user may do with the plugin's screens. */
public enum Access {
  /** Not granted: the section and the product tab are not shown, every request is refused. */
  NONE,
  /** Sees integrations, rules and the log; cannot change anything. */
  READ,
  /** Sees and changes. */
  WRITE;

  public boolean canRead() {
    return this != NONE;
  }

  public boolean canWrite() {
    return this == WRITE;
  }
}

package com.ckengine.api;

/** What a rule does in ConvertKit when it fires. */
public enum ActionType {
  ADD_TAG("Add Tag To Subscriber"),
  REMOVE_TAG("Remove Tag From Subscriber"),
  ADD_PURCHASE("Add Purchase To ConvertKit");

  private final String displayName;

  ActionType(String displayName) {
    this.displayName = displayName;
  }

  /** The name an operator sees, e.g. "Add Tag To Subscriber". */
  public String displayName() {
    return displayName;
  }

  /** True when the action needs at least one tag. */
  public boolean usesTags() {
    return this != ADD_PURCHASE;
  }
}

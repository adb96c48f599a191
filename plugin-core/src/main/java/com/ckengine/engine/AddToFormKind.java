package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.kit.Subscribable;

/**
 * Add Subscriber To Form: subscribes the customer (with first name) to one of the account's forms.
 */
final class AddToFormKind extends SubscribeKind {
  @Override
  public ActionType type() {
    return ActionType.ADD_TO_FORM;
  }

  @Override
  Subscribable subscribable() {
    return Subscribable.FORM;
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.kit.Subscribable;

/**
 * Add Subscriber To Sequence: subscribes the customer (with first name) to one of the account's
 * sequences.
 */
final class AddToSequenceKind extends SubscribeKind {
  @Override
  public ActionType type() {
    return ActionType.ADD_TO_SEQUENCE;
  }

  @Override
  Subscribable subscribable() {
    return Subscribable.SEQUENCE;
  }
}

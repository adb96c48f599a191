package com.ckengine.engine;

/** What action kinds may use while delivering, besides the claim and the Kit calls. */
final class DeliveryParts {
  final ActionStore store;

  /** Tag ids for tags typed by hand, and the account's tags as last fetched. */
  final TagResolver tags;

  /** Purchases looked up in Kit before an action in doubt sends again. */
  final PurchaseReconciler reconciler;

  /** The integration's custom field mapping: the values sent with the subscriber. */
  final FieldMappings fields;

  DeliveryParts(
      ActionStore store, TagResolver tags, PurchaseReconciler reconciler, FieldMappings fields) {
    this.store = store;
    this.tags = tags;
    this.reconciler = reconciler;
    this.fields = fields;
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.RuleDefinition;
import com.ckengine.api.RuleTag;
import com.ckengine.api.Trigger;

/**
 * The rule most engine tests and benches hang their actions on: Product Purchased, any product, on
 * one integration. Each method creates it through {@code engine.rules()} and returns it as stored.
 */
public final class PurchaseRules {
  private PurchaseRules() {}

  /**
   * Add Tag with tags typed by name: Kit's id is looked up (or the tag created) when first sent.
   */
  public static RuleDefinition addTag(IntegrationEngine engine, long integration, String... names) {
    RuleDefinition.Builder b = onPurchase(integration, ActionType.ADD_TAG);
    for (String name : names) b.addTag(name);
    return engine.rules().create(b.build());
  }

  /** Add Tag with tags picked from the account's list, each with the Kit id it had then. */
  public static RuleDefinition addTag(
      IntegrationEngine engine, long integration, RuleTag... picked) {
    RuleDefinition.Builder b = onPurchase(integration, ActionType.ADD_TAG);
    for (RuleTag tag : picked) b.addTag(tag);
    return engine.rules().create(b.build());
  }

  /** Add Purchase: every order is recorded in Kit as a purchase. */
  public static RuleDefinition addPurchase(IntegrationEngine engine, long integration) {
    return engine.rules().create(onPurchase(integration, ActionType.ADD_PURCHASE).build());
  }

  private static RuleDefinition.Builder onPurchase(long integration, ActionType action) {
    return RuleDefinition.builder()
        .trigger(Trigger.PRODUCT_PURCHASED)
        .integrationId(integration)
        .action(action);
  }
}

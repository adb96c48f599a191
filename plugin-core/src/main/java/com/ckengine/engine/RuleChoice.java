package com.ckengine.engine;

/** Which Product Purchased rules of an integration a past-orders run applies. */
public enum RuleChoice {
  /** One rule, by id. */
  ONE_RULE,
  /** The rules scoped to one product, by product id. */
  PRODUCT_RULES,
  /** Every enabled Product Purchased rule of the integration. */
  ALL_PURCHASED
}

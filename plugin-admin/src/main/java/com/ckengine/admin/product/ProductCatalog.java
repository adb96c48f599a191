package com.ckengine.admin.product;

/**
 * Whether a product id names a product of the store. A product's rules are made from its
 * Integrations tab, but the id travels in the rule form's address and fields, where it can be
 * changed by hand: a rule is only saved for a product that exists.
 */
public interface ProductCatalog {
  /** True when the store has this product (and it is not deleted). */
  boolean exists(long productId);
}

package com.ckengine.demo.store;

import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.ProductAttribute;

/**
 * How the demo store sells a product, read from the product attribute {@code sellingPlan} (seeded
 * in {@code sql/ckdemo_seed.sql}; editable in the admin's product attributes).
 */
public enum SellingPlan {
  /** An ordinary one-off product. */
  ONE_OFF,
  /**
   * A subscription billed monthly (shown as such; the billing itself belongs to a billing module).
   */
  SUBSCRIPTION_MONTHLY,
  /** Offered as a checkbox at checkout, added to the order as an order bump. */
  ORDER_BUMP;

  public static final String ATTRIBUTE = "sellingPlan";

  public static SellingPlan of(Product product) {
    ProductAttribute attribute =
        product.getProductAttributes() == null
            ? null
            : product.getProductAttributes().get(ATTRIBUTE);
    String value = attribute == null ? null : attribute.getValue();
    if ("subscription-monthly".equals(value)) {
      return SUBSCRIPTION_MONTHLY;
    }
    if ("order-bump".equals(value)) {
      return ORDER_BUMP;
    }
    return ONE_OFF;
  }
}

package com.ckengine.demo.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Resource;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.ProductAttribute;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.catalog.service.CatalogService;
import org.springframework.stereotype.Service;

/** The products the demo store shows, and which one is its order bump. */
@Service("ckdemoStoreCatalog")
public class StoreCatalog {

  @Resource(name = "blCatalogService")
  protected CatalogService catalogService;

  /** Active products sold on their own (not the order bump), in id order. */
  public List<Product> productsForSale() {
    List<Product> result = new ArrayList<Product>();
    for (Product product : catalogService.findAllProducts()) {
      if (product.isActive() && SellingPlan.of(product) != SellingPlan.ORDER_BUMP) {
        result.add(product);
      }
    }
    Collections.sort(
        result,
        new Comparator<Product>() {
          @Override
          public int compare(Product a, Product b) {
            return a.getId().compareTo(b.getId());
          }
        });
    return result;
  }

  /** The active product offered as the order bump at checkout, or null when there is none. */
  public Product orderBump() {
    for (Product product : catalogService.findAllProducts()) {
      if (product.isActive() && SellingPlan.of(product) == SellingPlan.ORDER_BUMP) {
        return product;
      }
    }
    return null;
  }

  /** An active product by id, or null. */
  public Product product(Long id) {
    Product product = id == null ? null : catalogService.findProductById(id);
    return product != null && product.isActive() ? product : null;
  }

  /**
   * The payment options of a product sold with them (product attribute {@code sellingPlan =
   * payment-options}): its default SKU (pay in full) then its additional SKUs (instalments); empty
   * for other products.
   */
  public List<Sku> paymentOptions(Product product) {
    List<Sku> options = new ArrayList<Sku>();
    if (product == null || !"payment-options".equals(attribute(product, SellingPlan.ATTRIBUTE))) {
      return options;
    }
    options.add(product.getDefaultSku());
    for (Sku sku : product.getAdditionalSkus()) {
      if (sku.isActive()) options.add(sku);
    }
    return options;
  }

  /** The option of {@code product} with id {@code skuId}, or null. */
  public Sku paymentOption(Product product, Long skuId) {
    for (Sku sku : paymentOptions(product)) {
      if (sku.getId().equals(skuId)) return sku;
    }
    return null;
  }

  /**
   * The product offered as a one-click upsell on the confirmation page (product attribute {@code
   * offer = upsell}), or null.
   */
  public Product upsellOffer() {
    for (Product product : catalogService.findAllProducts()) {
      if (product.isActive() && "upsell".equals(attribute(product, "offer"))) return product;
    }
    return null;
  }

  private static String attribute(Product product, String name) {
    ProductAttribute a =
        product.getProductAttributes() == null ? null : product.getProductAttributes().get(name);
    return a == null ? null : a.getValue();
  }
}

package com.ckengine.demo.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Resource;
import org.broadleafcommerce.core.catalog.domain.Product;
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
}

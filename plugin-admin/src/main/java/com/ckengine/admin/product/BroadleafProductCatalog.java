package com.ckengine.admin.product;

import org.broadleafcommerce.common.persistence.Status;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.service.CatalogService;

/**
 * {@link ProductCatalog} from Broadleaf's catalog: a product exists when {@code blCatalogService}
 * finds it and it is not archived (Broadleaf's "deleted").
 */
public class BroadleafProductCatalog implements ProductCatalog {
  private CatalogService catalogService;

  public void setCatalogService(CatalogService catalogService) {
    this.catalogService = catalogService;
  }

  @Override
  public boolean exists(long productId) {
    Product p = catalogService.findProductById(productId);
    if (p == null) return false;
    return !(p instanceof Status && Character.valueOf('Y').equals(((Status) p).getArchived()));
  }
}

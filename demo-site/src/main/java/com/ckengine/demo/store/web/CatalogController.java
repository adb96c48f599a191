package com.ckengine.demo.store.web;

import com.ckengine.demo.store.SellingPlan;
import com.ckengine.demo.store.StoreCatalog;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletResponse;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/** The product list (home page) and the product pages. */
@Controller
public class CatalogController {

  @Resource(name = "ckdemoStoreCatalog")
  protected StoreCatalog catalog;

  @RequestMapping(value = "/", method = RequestMethod.GET)
  public String home(Model model) {
    model.addAttribute("products", catalog.productsForSale());
    return "store/catalog";
  }

  @RequestMapping(value = "/products/{productId}", method = RequestMethod.GET)
  public String product(
      @PathVariable("productId") String productId, Model model, HttpServletResponse response) {
    Product product = catalog.product(parseId(productId));
    if (product == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("message", "There is no product " + productId + " in this store.");
      return "store/notFound";
    }
    model.addAttribute("product", product);
    model.addAttribute("subscription", SellingPlan.of(product) == SellingPlan.SUBSCRIPTION_MONTHLY);
    // A product sold with payment options lets the shopper pick one of its SKUs.
    model.addAttribute("paymentOptions", catalog.paymentOptions(product));
    return "store/product";
  }

  static Long parseId(String text) {
    try {
      return Long.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

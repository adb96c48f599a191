package com.ckengine.demo.store.web;

import com.ckengine.api.LineRole;
import com.ckengine.broadleaf.LineRoles;
import com.ckengine.demo.store.StoreCatalog;
import java.util.List;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletRequest;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.order.domain.NullOrderImpl;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.call.OrderItemRequestDTO;
import org.broadleafcommerce.core.web.order.CartState;
import org.broadleafcommerce.profile.web.core.CustomerState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cart: Broadleaf's own cart (CartState), shown, added to and emptied line by line. */
@Controller
public class CartController {

  @Resource(name = "blOrderService")
  protected OrderService orderService;

  @Resource(name = "ckdemoStoreCatalog")
  protected StoreCatalog catalog;

  @RequestMapping(value = "/cart", method = RequestMethod.GET)
  public String cart(Model model) {
    model.addAttribute("cart", currentCartOrNull());
    return "store/cart";
  }

  @RequestMapping(value = "/cart/add", method = RequestMethod.POST)
  public String add(
      @RequestParam("productId") String productId,
      @RequestParam(value = "quantity", defaultValue = "1") String quantity,
      @RequestParam(value = "skuId", required = false) String skuId,
      HttpServletRequest request,
      RedirectAttributes redirect)
      throws Exception {
    Product product = catalog.product(CatalogController.parseId(productId));
    Integer qty = parseQuantity(quantity);
    // A product sold with payment options is bought as one of its SKUs (pay in full, in 3
    // payments).
    List<Sku> options = catalog.paymentOptions(product);
    Sku option =
        options.isEmpty()
            ? null
            : skuId == null ? options.get(0) : catalog.paymentOption(product, parseId(skuId));
    String problem = null;
    if (product == null) {
      problem = "That product is not for sale.";
    } else if (qty == null) {
      problem = "Quantity must be a whole number from 1 to 99.";
    } else if (!options.isEmpty() && option == null) {
      problem = "Choose one of the payment options offered for " + product.getName() + ".";
    }
    if (problem != null) {
      redirect.addFlashAttribute("problem", problem);
      return "redirect:/cart";
    }
    Order cart = currentCartOrNull();
    if (cart == null) {
      cart = orderService.createNewCartForCustomer(CustomerState.getCustomer(request));
    }
    OrderItemRequestDTO item =
        option == null
            ? new OrderItemRequestDTO(product.getId(), qty)
            : new OrderItemRequestDTO(product.getId(), option.getId(), qty);
    LineRole role = option == null ? LineRole.PRIMARY : LineRole.PAYMENT_OPTION;
    item.getItemAttributes().put(LineRoles.ATTRIBUTE, role.name());
    cart = orderService.addItem(cart.getId(), item, false);
    orderService.save(cart, true);
    return "redirect:/cart";
  }

  @RequestMapping(value = "/cart/remove", method = RequestMethod.POST)
  public String remove(@RequestParam("orderItemId") String orderItemId) throws Exception {
    Order cart = currentCartOrNull();
    Long itemId = CatalogController.parseId(orderItemId);
    if (cart != null && itemId != null) {
      orderService.removeItem(cart.getId(), itemId, true);
    }
    return "redirect:/cart";
  }

  /** The session's cart, or null when the customer has none yet. */
  static Order currentCartOrNull() {
    Order cart = CartState.getCart();
    return cart == null || cart instanceof NullOrderImpl ? null : cart;
  }

  private static Long parseId(String text) {
    return CatalogController.parseId(text.trim());
  }

  private static Integer parseQuantity(String text) {
    try {
      int q = Integer.parseInt(text.trim());
      return q >= 1 && q <= 99 ? q : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

package com.ckengine.demo.store.web;

import com.ckengine.api.LineRole;
import com.ckengine.broadleaf.LineRoles;
import com.ckengine.demo.store.CheckoutForm;
import com.ckengine.demo.store.StoreCatalog;
import com.ckengine.demo.store.StoreCheckout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * One-page checkout (email, first name, optional last name, phone and billing address, order bump,
 * test payment) and the confirmation page.
 */
@Controller
public class CheckoutController {
  /** Order numbers this session placed: only those confirmations are shown to it. */
  private static final String PLACED_ORDERS = "ckdemo.placedOrders";

  /** Orders whose upsell offer this session answered: an offer is accepted at most once. */
  private static final String ANSWERED_OFFERS = "ckdemo.answeredOffers";

  @Resource(name = "ckdemoStoreCheckout")
  protected StoreCheckout checkout;

  @Resource(name = "ckdemoStoreCatalog")
  protected StoreCatalog catalog;

  @Resource(name = "blOrderService")
  protected OrderService orderService;

  @Resource(name = "blCountryService")
  protected org.broadleafcommerce.profile.core.service.CountryService countryService;

  @RequestMapping(value = "/checkout", method = RequestMethod.GET)
  public String form(Model model) {
    CheckoutForm form = new CheckoutForm();
    Order cart = CartController.currentCartOrNull();
    if (cart != null && cart.getEmailAddress() != null) {
      form.setEmail(cart.getEmailAddress());
    }
    return show(model, form, new ArrayList<String>());
  }

  @RequestMapping(value = "/checkout", method = RequestMethod.POST)
  public String submit(
      @ModelAttribute("checkoutForm") CheckoutForm form,
      Model model,
      HttpSession session,
      HttpServletResponse response) {
    StoreCheckout.Result result = checkout.checkout(CartController.currentCartOrNull(), form);
    if (!result.succeeded()) {
      response.setStatus(422);
      return show(model, form, result.problems());
    }
    placedOrders(session).add(result.orderNumber());
    return "redirect:/confirmation/" + result.orderNumber();
  }

  /**
   * Saves the email on the cart as it is entered (the checkout page posts it on change): a cart
   * with an email and products is a prospect (cart abandonment). 204 when saved, 422 for a
   * malformed address, 404 without a cart.
   */
  @RequestMapping(value = "/checkout/email", method = RequestMethod.POST)
  public void saveEmail(
      @org.springframework.web.bind.annotation.RequestParam("email") String email,
      HttpServletResponse response)
      throws Exception {
    Order cart = CartController.currentCartOrNull();
    CheckoutForm form = new CheckoutForm();
    form.setEmail(email);
    form.setFirstName("-");
    if (cart == null || cart.getOrderItems().isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    } else if (!form.problems().isEmpty()) {
      response.setStatus(422);
    } else {
      cart.setEmailAddress(form.trimmedEmail());
      orderService.save(cart, false);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
  }

  @RequestMapping(value = "/confirmation/{orderNumber}", method = RequestMethod.GET)
  public String confirmation(
      @PathVariable("orderNumber") String orderNumber,
      Model model,
      HttpSession session,
      HttpServletResponse response) {
    Order order =
        placedOrders(session).contains(orderNumber)
            ? orderService.findOrderByOrderNumber(orderNumber)
            : null;
    if (order == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute(
          "message", "No order " + orderNumber + " was placed in this browser session.");
      return "store/notFound";
    }
    model.addAttribute("order", order);
    // The one-click upsell is offered once per order, until it was added to it.
    boolean offer = !answeredOffers(session).contains(orderNumber) && !isUpsellOrder(order);
    model.addAttribute("upsell", offer ? upsellFor(order) : null);
    return "store/confirmation";
  }

  /**
   * Accepts the upsell offered on {@code orderNumber}'s confirmation page: the offered product is
   * added to that same order as an UPSELL line, paid with the same test payment (Product Added to
   * Order fires for it), and the order's confirmation is shown again with the new line and total. A
   * second click, a replayed form or a reload adds nothing more.
   */
  @RequestMapping(value = "/confirmation/{orderNumber}/upsell", method = RequestMethod.POST)
  public String acceptUpsell(
      @PathVariable("orderNumber") String orderNumber,
      Model model,
      HttpSession session,
      HttpServletResponse response) {
    Order original =
        placedOrders(session).contains(orderNumber)
            ? orderService.findOrderByOrderNumber(orderNumber)
            : null;
    if (original == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute(
          "message", "No order " + orderNumber + " was placed in this browser session.");
      return "store/notFound";
    }
    if (!answeredOffers(session).add(orderNumber) || isUpsellOrder(original)) {
      // A second click (or a replayed form) adds nothing more.
      return "redirect:/confirmation/" + orderNumber;
    }
    StoreCheckout.Result result = checkout.addToOrder(original, catalog.upsellOffer());
    if (!result.succeeded()) {
      answeredOffers(session).remove(orderNumber);
      response.setStatus(422);
      model.addAttribute("message", result.problems().get(0));
      return "store/notFound";
    }
    return "redirect:/confirmation/" + orderNumber;
  }

  /** The offered product, unless the order already holds it. */
  private Product upsellFor(Order order) {
    Product offer = catalog.upsellOffer();
    if (offer == null) return null;
    for (OrderItem item : order.getOrderItems()) {
      if (item instanceof DiscreteOrderItem
          && offer.getId().equals(((DiscreteOrderItem) item).getProduct().getId())) {
        return null;
      }
    }
    return offer;
  }

  private static boolean isUpsellOrder(Order order) {
    for (OrderItem item : order.getOrderItems()) {
      if (LineRoles.of(item) == LineRole.UPSELL) return true;
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Set<String> answeredOffers(HttpSession session) {
    Set<String> answered = (Set<String>) session.getAttribute(ANSWERED_OFFERS);
    if (answered == null) {
      answered = Collections.synchronizedSet(new HashSet<String>());
      session.setAttribute(ANSWERED_OFFERS, answered);
    }
    return answered;
  }

  private String show(Model model, CheckoutForm form, List<String> problems) {
    model.addAttribute("cart", CartController.currentCartOrNull());
    model.addAttribute("checkoutForm", form);
    model.addAttribute("orderBump", catalog.orderBump());
    model.addAttribute("countries", countryService.findCountries());
    model.addAttribute("problems", problems);
    return "store/checkout";
  }

  @SuppressWarnings("unchecked")
  private static List<String> placedOrders(HttpSession session) {
    List<String> placed = (List<String>) session.getAttribute(PLACED_ORDERS);
    if (placed == null) {
      placed = new ArrayList<String>();
      session.setAttribute(PLACED_ORDERS, placed);
    }
    return placed;
  }
}

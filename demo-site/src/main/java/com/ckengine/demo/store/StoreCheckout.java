package com.ckengine.demo.store;

import com.ckengine.api.LineRole;
import com.ckengine.broadleaf.AddedLines;
import com.ckengine.broadleaf.LineRoles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Resource;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentGatewayType;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.common.payment.PaymentType;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.checkout.service.CheckoutService;
import org.broadleafcommerce.core.checkout.service.exception.CheckoutException;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.order.service.call.OrderItemRequestDTO;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.broadleafcommerce.profile.core.domain.Address;
import org.broadleafcommerce.profile.core.domain.Country;
import org.broadleafcommerce.profile.core.domain.Customer;
import org.broadleafcommerce.profile.core.domain.Phone;
import org.broadleafcommerce.profile.core.service.AddressService;
import org.broadleafcommerce.profile.core.service.CountryService;
import org.broadleafcommerce.profile.core.service.CustomerService;
import org.broadleafcommerce.profile.core.service.PhoneService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places an order the way a production Broadleaf store does: the customer's details on the cart,
 * the order bump as a line of its own, a payment, then {@code blCheckoutWorkflow} through {@link
 * CheckoutService#performCheckout(Order)}, which leaves the order SUBMITTED with a number.
 *
 * <p>The payment is a test payment: a PASSTHROUGH credit-card payment already captured for the
 * order's total, which is what Broadleaf's payment validation accepts without a gateway.
 */
@Service("ckdemoStoreCheckout")
public class StoreCheckout {

  @Resource(name = "blOrderService")
  protected OrderService orderService;

  @Resource(name = "blCheckoutService")
  protected CheckoutService checkoutService;

  @Resource(name = "blOrderPaymentService")
  protected OrderPaymentService orderPaymentService;

  @Resource(name = "blCustomerService")
  protected CustomerService customerService;

  @Resource(name = "ckdemoStoreCatalog")
  protected StoreCatalog catalog;

  @Resource(name = "blCountryService")
  protected CountryService countryService;

  @Resource(name = "blAddressService")
  protected AddressService addressService;

  @Resource(name = "blPhoneService")
  protected PhoneService phoneService;

  @Resource(name = "blTransactionManager")
  protected PlatformTransactionManager transactionManager;

  /** The outcome: a submitted order's number, or what stopped it. */
  public static final class Result {
    private final String orderNumber;
    private final List<String> problems;

    private Result(String orderNumber, List<String> problems) {
      this.orderNumber = orderNumber;
      this.problems = problems;
    }

    public boolean succeeded() {
      return orderNumber != null;
    }

    public String orderNumber() {
      return orderNumber;
    }

    public List<String> problems() {
      return problems;
    }
  }

  public Result checkout(Order cart, CheckoutForm form) {
    if (cart == null || cart.getId() == null || cart.getOrderItems().isEmpty()) {
      return failure("Your cart is empty. Add a product before checking out.");
    }
    List<String> problems = form.problems();
    Country country = null;
    if (problems.isEmpty() && form.hasBillingAddress()) {
      country = countryService.findCountryByAbbreviation(form.getCountry().trim());
      if (country == null) {
        problems = Collections.singletonList("Please choose a country from the list.");
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    try {
      Order order = cart;
      if (form.isAddOrderBump()) {
        order = addOrderBump(order);
      }
      order.setEmailAddress(form.trimmedEmail());
      Customer customer = order.getCustomer();
      customer.setFirstName(form.trimmedFirstName());
      if (!CheckoutForm.trimmed(form.getLastName()).isEmpty()) {
        customer.setLastName(form.getLastName().trim());
      }
      if (customer.getEmailAddress() == null) {
        customer.setEmailAddress(form.trimmedEmail());
      }
      order.setCustomer(customerService.saveCustomer(customer));
      order = orderService.save(order, true);

      addTestPayment(order, country == null ? null : billingAddress(form, country));
      order = orderService.save(order, false);
      checkoutService.performCheckout(order);
      return new Result(order.getOrderNumber(), Collections.<String>emptyList());
    } catch (CheckoutException e) {
      return failure("The order could not be placed: " + rootMessage(e) + ". Nothing was charged.");
    } catch (Exception e) {
      return failure(
          "The order could not be placed (" + rootMessage(e) + "). Nothing was charged.");
    }
  }

  /**
   * The one-click upsell, as SamCart's Add to Order: adds {@code offer} to the submitted order
   * {@code original} as a new line (role UPSELL, marked {@link AddedLines#ATTRIBUTE} so it fires
   * Product Added to Order and is never part of the order's Product Purchased), re-prices the order
   * and pays the difference with the same test payment (a further capture on it). Nothing is asked
   * again; that is what one click means. An order that already holds the offer gets nothing more.
   *
   * @return the order's number, or what stopped it (nothing was added or charged then)
   */
  public Result addToOrder(final Order original, final Product offer) {
    if (original == null || offer == null) {
      return failure("This offer is no longer available.");
    }
    if (!OrderStatus.SUBMITTED.equals(original.getStatus())) {
      return failure("The offer needs a placed order.");
    }
    try {
      // One transaction: the line, the new total and its capture are saved together, or nothing.
      return new TransactionTemplate(transactionManager)
          .execute(
              status -> {
                Order order = orderService.findOrderById(original.getId(), true);
                if (containsProduct(order, offer)) {
                  return new Result(order.getOrderNumber(), Collections.<String>emptyList());
                }
                try {
                  Money before = order.getTotal();
                  OrderItemRequestDTO request = new OrderItemRequestDTO(offer.getId(), 1);
                  request.getItemAttributes().put(LineRoles.ATTRIBUTE, LineRole.UPSELL.name());
                  request.getItemAttributes().put(AddedLines.ATTRIBUTE, AddedLines.mark());
                  order = orderService.addItem(order.getId(), request, true);
                  capture(order, order.getTotal().subtract(before));
                  orderService.save(order, false);
                  return new Result(order.getOrderNumber(), Collections.<String>emptyList());
                } catch (Exception e) {
                  throw new OfferNotAdded(e);
                }
              });
    } catch (RuntimeException e) {
      return failure("The offer could not be added (" + rootMessage(e) + "). Nothing was charged.");
    }
  }

  /** Carries a checked failure out of the transaction, so that it rolls back. */
  private static final class OfferNotAdded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OfferNotAdded(Exception cause) {
      super(cause);
    }
  }

  /**
   * A further capture of {@code amount} on the order's test payment, its amount raised to match.
   */
  private void capture(Order order, Money amount) {
    OrderPayment payment = null;
    for (OrderPayment p : order.getPayments()) {
      if (PaymentGatewayType.PASSTHROUGH.equals(p.getGatewayType())) payment = p;
    }
    if (payment == null) throw new IllegalStateException("the order has no test payment");
    payment.setAmount(payment.getAmount().add(amount));
    PaymentTransaction transaction = orderPaymentService.createTransaction();
    transaction.setType(PaymentTransactionType.AUTHORIZE_AND_CAPTURE);
    transaction.setAmount(amount);
    transaction.setSuccess(true);
    transaction.setOrderPayment(payment);
    payment.addTransaction(transaction);
  }

  private Order addOrderBump(Order order) throws Exception {
    Product bump = catalog.orderBump();
    if (bump == null || containsProduct(order, bump)) {
      return order;
    }
    OrderItemRequestDTO request = new OrderItemRequestDTO(bump.getId(), 1);
    request.getItemAttributes().put(LineRoles.ATTRIBUTE, LineRole.ORDER_BUMP.name());
    return orderService.addItem(order.getId(), request, true);
  }

  private static boolean containsProduct(Order order, Product product) {
    for (OrderItem item : order.getOrderItems()) {
      if (item instanceof DiscreteOrderItem
          && product.getId().equals(((DiscreteOrderItem) item).getProduct().getId())) {
        return true;
      }
    }
    return false;
  }

  /** The billing address typed at checkout, saved, with its phone when one was given. */
  private Address billingAddress(CheckoutForm form, Country country) {
    Address address = addressService.create();
    address.setFirstName(form.trimmedFirstName());
    address.setLastName(CheckoutForm.trimmed(form.getLastName()));
    address.setAddressLine1(form.getStreet().trim());
    address.setPostalCode(form.getPostalCode().trim());
    address.setCity(form.getCity().trim());
    address.setCountry(country);
    if (!CheckoutForm.trimmed(form.getPhone()).isEmpty()) {
      Phone phone = phoneService.create();
      phone.setPhoneNumber(form.getPhone().trim());
      address.setPhonePrimary(phoneService.savePhone(phone));
    }
    return addressService.saveAddress(address);
  }

  private void addTestPayment(Order order, Address billing) {
    // Drop a test payment left over from an earlier failed attempt, so the amounts always match.
    for (OrderPayment old : new ArrayList<OrderPayment>(order.getPayments())) {
      if (PaymentGatewayType.PASSTHROUGH.equals(old.getGatewayType())) {
        orderService.removePaymentFromOrder(order, old);
      }
    }
    Money amount = order.getTotalAfterAppliedPayments();
    OrderPayment payment = orderPaymentService.create();
    payment.setType(PaymentType.CREDIT_CARD);
    payment.setPaymentGatewayType(PaymentGatewayType.PASSTHROUGH);
    payment.setAmount(amount);
    payment.setOrder(order);
    payment.setBillingAddress(billing);
    PaymentTransaction transaction = orderPaymentService.createTransaction();
    transaction.setType(PaymentTransactionType.AUTHORIZE_AND_CAPTURE);
    transaction.setAmount(amount);
    transaction.setSuccess(true);
    transaction.setOrderPayment(payment);
    payment.addTransaction(transaction);
    orderService.addPaymentToOrder(order, payment, null);
  }

  private static Result failure(String message) {
    return new Result(null, Collections.singletonList(message));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}

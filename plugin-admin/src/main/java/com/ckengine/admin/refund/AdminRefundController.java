package com.ckengine.admin.refund;

import com.ckengine.api.PlainText;
import com.ckengine.broadleaf.refund.OrderRefunds;
import com.ckengine.broadleaf.refund.PaidAmounts;
import com.ckengine.broadleaf.refund.RefundException;
import com.ckengine.broadleaf.refund.RefundReceipt;
import com.ckengine.broadleaf.refund.RefundRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.annotation.Resource;
import javax.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.common.exception.ServiceException;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.openadmin.server.security.remote.EntityOperationType;
import org.broadleafcommerce.openadmin.web.controller.AdminAbstractController;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin's refund action on an order ({@code /ckengine/orders/{id}/refund}): refund the whole
 * order, whole lines, amounts on lines, or an amount of the order; what was paid is {@link
 * PaidAmounts}'s. It records Broadleaf REFUND payment transactions through {@link OrderRefunds},
 * which fires Product Refunded / Product Partially Refunded. The form carries a refund id made when
 * it is shown, so submitting it twice refunds once. Only admins who may update orders can use it.
 */
@Controller("ckAdminRefundController")
public class AdminRefundController extends AdminAbstractController {
  private static final Log LOG = LogFactory.getLog(AdminRefundController.class);
  static final String ORDER_CEILING = "org.broadleafcommerce.core.order.domain.Order";

  @Resource(name = "ckOrderRefunds")
  protected OrderRefunds refunds;

  @Resource(name = "blOrderService")
  protected OrderService orderService;

  /** Said to an admin without the permission, on the page and the form alike. */
  static final String NOT_ALLOWED =
      "You may not refund orders: that needs the permission to change orders (e.g. \"All Order\"). "
          + "Ask an administrator (Security > Roles).";

  /** The largest amount the form takes (the form's fields are typed: 1e999999999 is a number). */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

  /** Decimal places the form takes. */
  static final int MAX_DECIMALS = 4;

  /** The page shows the order's lines, amounts and refunds: only to admins who may refund. */
  @RequestMapping(value = "/ckengine/orders/{orderId}/refund", method = RequestMethod.GET)
  public String form(
      @PathVariable("orderId") String orderId, Model model, HttpServletResponse response)
      throws Exception {
    if (!mayUpdateOrders()) return refused(model, response);
    return show(orderId, model, response, new ArrayList<String>());
  }

  @RequestMapping(value = "/ckengine/orders/{orderId}/refund", method = RequestMethod.POST)
  public String refund(
      @PathVariable("orderId") String orderId,
      @RequestParam Map<String, String> form,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws Exception {
    if (!mayUpdateOrders()) return refused(model, response);
    Order order = order(orderId);
    if (order == null) return show(orderId, model, response, new ArrayList<String>());
    try {
      RefundRequest.Builder b = RefundRequest.builder(order.getOrderNumber(), form.get("refundId"));
      if ("true".equals(form.get("wholeOrder"))) b.wholeOrder();
      for (OrderItem item : order.getOrderItems()) {
        if ("true".equals(form.get("whole_" + item.getId()))) b.wholeLine(item.getId());
        BigDecimal a = amount(form.get("amount_" + item.getId()), "line " + item.getName());
        if (a != null) b.lineAmount(item.getId(), a);
      }
      BigDecimal orderAmount = amount(form.get("orderAmount"), "the order");
      if (orderAmount != null) b.orderAmount(orderAmount);
      RefundReceipt receipt = refunds.refund(b.build());
      redirect.addFlashAttribute(
          "message",
          (receipt.alreadyRecorded() ? "This refund was already recorded: " : "Refund recorded: ")
              + receipt.amount().toPlainString()
              + " (refund id "
              + receipt.refundId()
              + ").");
      return "redirect:/ckengine/orders/" + order.getId() + "/refund";
    } catch (RefundException e) {
      response.setStatus(422);
      return show(orderId, model, response, list(e.getMessage()));
    }
  }

  /** 403 with the reason, and nothing of the order. */
  private String refused(Model model, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    setModelAttributes(model, "order");
    model.addAttribute("viewType", "ckengineRefund");
    model.addAttribute("problems", list(NOT_ALLOWED));
    return "modules/defaultContainer";
  }

  private String show(
      String orderId, Model model, HttpServletResponse response, List<String> problems)
      throws Exception {
    setModelAttributes(model, "order");
    model.addAttribute("viewType", "ckengineRefund");
    Order order = order(orderId);
    if (order == null) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      model.addAttribute("problems", list("There is no order " + orderId + "."));
      return "modules/defaultContainer";
    }
    model.addAttribute("order", order);
    model.addAttribute("lines", lines(order));
    model.addAttribute("shipping", PaidAmounts.shipping(order).toPlainString());
    model.addAttribute("refundId", "admin-" + UUID.randomUUID());
    model.addAttribute("problems", problems);
    model.addAttribute("currentRefunds", refundsOf(order));
    return "modules/defaultContainer";
  }

  /** One row of the form. */
  public static final class Line {
    public final Long id;
    public final String name;
    public final int quantity;
    public final String paid;

    Line(OrderItem item, BigDecimal paid) {
      this.id = item.getId();
      this.name = item.getName();
      this.quantity = item.getQuantity();
      this.paid = paid.toPlainString();
    }
  }

  /** The order's lines with what was paid for each (after discounts, with tax). */
  private static List<Line> lines(Order order) {
    Map<Long, BigDecimal> paid = PaidAmounts.lines(order);
    List<Line> out = new ArrayList<Line>();
    for (OrderItem i : order.getOrderItems()) out.add(new Line(i, paid.get(i.getId())));
    return out;
  }

  private static List<String> refundsOf(Order order) {
    List<String> out = new ArrayList<String>();
    for (OrderPayment p : order.getPayments()) {
      for (PaymentTransaction t : p.getTransactions()) {
        if ("REFUND".equals(t.getType() == null ? null : t.getType().getType())) {
          out.add(
              (t.getAmount() == null ? "?" : t.getAmount().getAmount().toPlainString())
                  + " on "
                  + t.getDate()
                  + (t.getAdditionalFields() == null
                      ? ""
                      : " (" + t.getAdditionalFields().get("ckengine.refundId") + ")"));
        }
      }
    }
    return out;
  }

  private Order order(String orderId) {
    try {
      return orderService.findOrderById(Long.valueOf(orderId));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private boolean mayUpdateOrders() {
    try {
      adminRemoteSecurityService.securityCheck(ORDER_CEILING, EntityOperationType.UPDATE);
      return true;
    } catch (ServiceException e) {
      return false;
    } catch (RuntimeException e) {
      LOG.warn("refund permission check failed", e);
      return false;
    }
  }

  /**
   * The amount typed for {@code what}, or null when empty. Only plain amounts: an exponent such as
   * {@code 1e999999999} is a valid BigDecimal whose digits nobody can print or compare cheaply.
   */
  static BigDecimal amount(String text, String what) {
    if (text == null || text.trim().isEmpty()) return null;
    String t = text.trim();
    BigDecimal a;
    try {
      a = new BigDecimal(t);
    } catch (NumberFormatException e) {
      a = null;
    }
    if (a == null || t.indexOf('e') >= 0 || t.indexOf('E') >= 0 || a.scale() > MAX_DECIMALS) {
      throw new RefundException(
          "'"
              + PlainText.escaped(abbreviated(t))
              + "' is not an amount (for "
              + what
              + "), e.g. 12.50");
    }
    if (a.abs().compareTo(MAX_AMOUNT) > 0) {
      throw new RefundException(
          "The amount for " + what + " is larger than " + MAX_AMOUNT.toPlainString());
    }
    return a;
  }

  /** At most 40 characters of what was typed, for a message. */
  private static String abbreviated(String t) {
    return t.length() <= 40 ? t : t.substring(0, 40) + "...";
  }

  private static List<String> list(String s) {
    List<String> l = new ArrayList<String>();
    l.add(s);
    return l;
  }
}

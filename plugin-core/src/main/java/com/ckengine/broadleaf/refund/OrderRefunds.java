package com.ckengine.broadleaf.refund;

/**
 * Where refunds enter the plugin: the admin's refund action, and a payment gateway module that
 * processed a refund itself. Broadleaf Community 3.1 has no refund flow, so this records the refund
 * the Broadleaf way (a {@code PaymentTransaction} of type REFUND whose parent is the order's
 * capture) and fires Product Refunded / Product Partially Refunded for the products it touches.
 *
 * <p>Spring bean {@code ckOrderRefunds}. Call it after the money went back; it never calls
 * ConvertKit (the engine delivers in the background), and a refund is recorded even when the
 * engine's tables are unavailable (its events are published once they are back).
 *
 * <pre>{@code
 * @Resource(name = "ckOrderRefunds") OrderRefunds refunds;
 * refunds.refund(RefundRequest.builder(order.getOrderNumber(), gatewayRefundId)
 *     .orderAmount(new BigDecimal("10.00")).build());
 * }</pre>
 */
public interface OrderRefunds {

  /**
   * Records the refund and fires its triggers. The same refund id again records nothing and returns
   * the first recording's receipt.
   *
   * @throws RefundException when the order does not exist or is not submitted, a line is not on it,
   *     or more is asked than is left to refund; nothing is recorded then
   */
  RefundReceipt refund(RefundRequest request);
}

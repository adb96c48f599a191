package com.ckengine.admin.order;

import org.broadleafcommerce.core.order.service.OrderService;

/** {@link StoreOrders} from Broadleaf's {@code blOrderService}. */
public class BroadleafStoreOrders implements StoreOrders {
  /** The reference of an order without a number, as the sweep writes it. */
  private static final String BY_ID = "id-";

  private OrderService orderService;

  public void setOrderService(OrderService orderService) {
    this.orderService = orderService;
  }

  @Override
  public boolean exists(String reference) {
    if (reference == null) return false;
    if (reference.startsWith(BY_ID)) {
      try {
        return orderService.findOrderById(Long.valueOf(reference.substring(BY_ID.length())))
            != null;
      } catch (NumberFormatException e) {
        // Not an id after all: an order number that starts with "id-".
      }
    }
    return orderService.findOrderByOrderNumber(reference) != null;
  }
}

package com.ckengine.broadleaf.order;

import com.ckengine.broadleaf.AddedLines;
import com.ckengine.broadleaf.prospect.Prospects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderPersistedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Broadleaf's one after-commit signal about orders: {@link OrderPersistedEvent}, fired on the
 * request thread after every committed write of an order. A SUBMITTED order is handed to {@link
 * OrderPurchases} (which publishes in the background); a cart in process is shown to {@link
 * Prospects}. Everything is caught: an exception here would escape {@code performCheckout} although
 * the order is already submitted.
 */
public class OrderPersistedListener implements ApplicationListener<OrderPersistedEvent> {
  private static final Log LOG = LogFactory.getLog(OrderPersistedListener.class);

  private OrderPurchases purchases;
  private Prospects prospects;

  public void setPurchases(OrderPurchases purchases) {
    this.purchases = purchases;
  }

  /** Optional: without it carts are not watched for abandonment. */
  public void setProspects(Prospects prospects) {
    this.prospects = prospects;
  }

  @Override
  public void onApplicationEvent(OrderPersistedEvent event) {
    try {
      Order order = event.getOrder();
      if (order == null || order.getStatus() == null) return;
      String status = order.getStatus().getType();
      if ("SUBMITTED".equals(status)) {
        purchases.submitted(order.getId(), order.getOrderNumber(), AddedLines.idsOf(order));
        if (prospects != null) prospects.bought(order);
      } else if ("IN_PROCESS".equals(status) && prospects != null) {
        prospects.cartSaved(order);
      }
    } catch (Throwable e) {
      LOG.warn("ConvertKit order hook failed; the order itself is not affected", e);
    }
  }
}

package com.ckengine.demo.billing;

import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.demo.store.SellingPlan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.core.catalog.domain.Product;
import org.broadleafcommerce.core.catalog.domain.Sku;
import org.broadleafcommerce.core.catalog.domain.SkuAttribute;
import org.broadleafcommerce.core.order.domain.DiscreteOrderItem;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.domain.OrderPersistedEvent;
import org.broadleafcommerce.core.order.service.type.OrderStatus;
import org.springframework.context.ApplicationListener;

/**
 * Starts a demo subscription for each line of a submitted order whose product is sold as a
 * subscription ({@code sellingPlan = subscription-monthly}) or whose SKU is a payment plan (SKU
 * attribute {@code payments}: the Launch Accelerator's "3 payments" option, a billing account of 3
 * payments of which the order is the first). Broadleaf publishes {@link OrderPersistedEvent} after
 * every committed save of an order, on the request thread: so this only looks at SUBMITTED orders,
 * remembers the ones it handled, and never throws (the order is placed whatever happens here).
 */
public class SubscriptionOrderListener implements ApplicationListener<OrderPersistedEvent> {
  private static final Log LOG = LogFactory.getLog(SubscriptionOrderListener.class);

  /** Orders already handled (a bounded memory: opening billing again is harmless anyway). */
  private final Set<Long> handled =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<Long, Boolean>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                  return size() > 10000;
                }
              }));

  /** The SKU attribute that makes a SKU a payment plan of that many payments. */
  static final String PAYMENTS_ATTRIBUTE = "payments";

  private DemoBilling billing;

  public void setBilling(DemoBilling billing) {
    this.billing = billing;
  }

  @Override
  public void onApplicationEvent(OrderPersistedEvent event) {
    try {
      Order order = event.getOrder();
      if (order == null
          || !OrderStatus.SUBMITTED.equals(order.getStatus())
          || handled.contains(order.getId())) {
        return;
      }
      for (OrderItem item : order.getOrderItems()) {
        if (!(item instanceof DiscreteOrderItem)) continue;
        Product product = ((DiscreteOrderItem) item).getProduct();
        if (product == null) continue;
        Integer payments = plannedPayments((DiscreteOrderItem) item);
        if (SellingPlan.of(product) != SellingPlan.SUBSCRIPTION_MONTHLY && payments == null) {
          continue;
        }
        billing.open(started(order, (DiscreteOrderItem) item, product, payments));
      }
      handled.add(order.getId());
    } catch (RuntimeException e) {
      LOG.warn("Demo billing: could not start the subscriptions of a submitted order", e);
    }
  }

  /**
   * The payments of the line's SKU when it is a payment plan (SKU attribute {@value
   * #PAYMENTS_ATTRIBUTE}, e.g. the Launch Accelerator's "3 payments" option), else null.
   */
  static Integer plannedPayments(DiscreteOrderItem item) {
    Sku sku = item.getSku();
    if (sku == null || sku.getSkuAttributes() == null) return null;
    SkuAttribute a = sku.getSkuAttributes().get(PAYMENTS_ATTRIBUTE);
    if (a == null || a.getValue() == null) return null;
    try {
      int n = Integer.parseInt(a.getValue().trim());
      return n >= 2 ? n : null;
    } catch (NumberFormatException e) {
      LOG.warn("Demo billing: SKU " + sku.getId() + " has payments '" + a.getValue() + "'");
      return null;
    }
  }

  private static SubscriptionStarted started(
      Order order, DiscreteOrderItem item, Product product, Integer payments) {
    String currency = order.getCurrency() == null ? "USD" : order.getCurrency().getCurrencyCode();
    return SubscriptionStarted.builder()
        // One subscription per order line (a quantity above one still bills one membership).
        .subscriptionId("DEMO-" + order.getOrderNumber() + "-" + item.getId())
        .productId(product.getId())
        .sku(product.getModel())
        .productName(item.getName() != null ? item.getName() : product.getName())
        .price(item.getPrice().getAmount())
        .currency(currency)
        .email(order.getEmailAddress())
        .firstName(order.getCustomer() == null ? null : order.getCustomer().getFirstName())
        .originOrderNumber(order.getOrderNumber())
        .startedAt(
            order.getSubmitDate() == null
                ? java.time.Instant.now()
                : order.getSubmitDate().toInstant())
        .test(true)
        .plannedPayments(payments)
        .build();
  }
}

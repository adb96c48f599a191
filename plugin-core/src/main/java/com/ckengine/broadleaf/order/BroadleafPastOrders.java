package com.ckengine.broadleaf.order;

import com.ckengine.api.InvalidEventException;
import com.ckengine.api.past.PastOrder;
import com.ckengine.api.past.PastOrderCounts;
import com.ckengine.api.past.PastOrderQuery;
import com.ckengine.api.past.PastOrderSource;
import com.ckengine.broadleaf.HostTransactions;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Query;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Broadleaf's submitted orders for Past Orders ({@link PastOrderSource}): counted by aggregate
 * queries on {@code BLC_ORDER} (through its submit-date index, {@link OrderCatchUp#INDEX_NAME}),
 * paged by (submit date, id), and each order read into the same Product Purchased event its live
 * hook publishes ({@link OrderEvents#purchase}, same key {@code order:<number>}). A refunded order
 * is one with a REFUND payment transaction (the plugin's refunds record one); a test order one with
 * a payment {@code ckengine.orders.testPayments} names ({@link TestPayments}).
 */
public class BroadleafPastOrders implements PastOrderSource {
  /** The selection's orders: submitted in the range. */
  static final String SUBMITTED_IN_RANGE =
      " from OrderImpl o left join o.customer c where o.status = 'SUBMITTED' "
          + "and o.submitDate >= :from and o.submitDate < :to";

  static final String WITH_PRODUCT =
      " and exists (select i.id from DiscreteOrderItemImpl i "
          + "where i.order = o and i.product.id in (:products))";

  static final String REFUNDED =
      "exists (select t.id from PaymentTransactionImpl t "
          + "where t.orderPayment.order = o and t.type = :refund)";

  static final String TEST_PAYMENT =
      "exists (select p.id from OrderPaymentImpl p where p.order = o and ";

  /**
   * The selection's distinct customer emails, case ignored (Hibernate 4.1's HQL takes no function
   * inside {@code count(distinct ...)}, so they are listed and counted: one short string per
   * customer, never an order).
   */
  static final String CUSTOMER_EMAILS =
      "select distinct lower(coalesce(o.emailAddress, c.emailAddress))";

  static final String COUNT_ORDERS = "select count(o)";

  static final String IDS = "select o.id, o.submitDate";

  static final String AFTER_POSITION =
      " and (o.submitDate > :afterDate or (o.submitDate = :afterDate and o.id > :afterId))";

  static final String IN_ORDER = " order by o.submitDate, o.id";

  private HostTransactions host;
  private TestPayments testPayments = TestPayments.NONE;
  private EntityManagerFactory emf;
  // The customer's orders up to each past order, for mapped custom fields, as the live hook reads
  // them: a past order's fields are what they were when it was placed.
  private CustomerFacts.History history = CustomerFacts.NO_HISTORY;
  private PlatformTransactionManager tm;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.emf = emf;
    this.history = emf == null ? CustomerFacts.NO_HISTORY : new JpaCustomerHistory(emf);
  }

  public void setTransactionManager(PlatformTransactionManager tm) {
    this.tm = tm;
  }

  public void setTestPayments(TestPayments testPayments) {
    this.testPayments = testPayments == null ? TestPayments.NONE : testPayments;
  }

  private synchronized HostTransactions host() {
    if (host == null) {
      host = new HostTransactions(emf, tm);
      host.ensure(OrderCatchUp.SUBMIT_DATE_INDEX);
    }
    return host;
  }

  @Override
  public PastOrderCounts count(PastOrderQuery q) {
    return host()
        .run(
            em -> {
              long orders = single(query(em, COUNT_ORDERS, q, true, true));
              long customers = query(em, CUSTOMER_EMAILS, q, true, true).getResultList().size();
              long refunded = 0;
              long test = 0;
              if (q.excludeRefunded()) {
                refunded = single(query(em, COUNT_ORDERS, q, false, false, REFUNDED));
              }
              Map<String, Object> p = new HashMap<String, Object>();
              String condition = testPayments.paymentCondition("p", p);
              if (q.excludeTest() && condition != null) {
                // A refunded test order counts as refunded (left out once).
                test =
                    single(
                        query(
                            em,
                            COUNT_ORDERS,
                            q,
                            q.excludeRefunded(),
                            false,
                            TEST_PAYMENT + condition + ")"));
              }
              return new PastOrderCounts(orders, customers, refunded, test);
            });
  }

  @Override
  public List<PastOrder> page(PastOrderQuery q, String afterPosition, int max) {
    return host()
        .run(
            em -> {
              Query query;
              if (afterPosition == null) {
                query = query(em, IDS, q, true, true, null, IN_ORDER);
              } else {
                int colon = afterPosition.indexOf(':');
                query = query(em, IDS, q, true, true, null, AFTER_POSITION + IN_ORDER);
                query.setParameter(
                    "afterDate", new Date(Long.parseLong(afterPosition.substring(0, colon))));
                query.setParameter("afterId", Long.valueOf(afterPosition.substring(colon + 1)));
              }
              @SuppressWarnings("unchecked")
              List<Object[]> rows = query.setMaxResults(max).getResultList();
              List<PastOrder> out = new ArrayList<PastOrder>(rows.size());
              for (Object[] row : rows) {
                Long id = (Long) row[0];
                String position = ((Date) row[1]).getTime() + ":" + id;
                Order order = em.find(OrderImpl.class, id);
                try {
                  out.add(
                      PastOrder.of(position, OrderEvents.purchase(order, testPayments, history)));
                } catch (InvalidEventException e) {
                  out.add(
                      PastOrder.unusable(position, OrderEvents.reference(order), e.getMessage()));
                }
                em.detach(order);
              }
              return out;
            });
  }

  private Query query(
      EntityManager em, String select, PastOrderQuery q, boolean applyRefunded, boolean applyTest) {
    return query(em, select, q, applyRefunded, applyTest, null, "");
  }

  private Query query(
      EntityManager em,
      String select,
      PastOrderQuery q,
      boolean applyRefunded,
      boolean applyTest,
      String extra) {
    return query(em, select, q, applyRefunded, applyTest, extra, "");
  }

  /**
   * The selection's query: range, products, and the exclusions when {@code applyRefunded} / {@code
   * applyTest} (and the query asks for them), plus an {@code extra} condition and a tail.
   */
  private Query query(
      EntityManager em,
      String select,
      PastOrderQuery q,
      boolean applyRefunded,
      boolean applyTest,
      String extra,
      String tail) {
    Map<String, Object> params = new HashMap<String, Object>();
    StringBuilder jpql = new StringBuilder(select).append(SUBMITTED_IN_RANGE);
    params.put("from", Date.from(q.from()));
    params.put("to", Date.from(q.to()));
    if (!q.productIds().isEmpty()) {
      jpql.append(WITH_PRODUCT);
      params.put("products", new ArrayList<Long>(q.productIds()));
    }
    boolean refundParam = false;
    if (applyRefunded && q.excludeRefunded()) {
      jpql.append(" and not ").append(REFUNDED);
      refundParam = true;
    }
    if (applyTest && q.excludeTest()) {
      String condition = testPayments.paymentCondition("p", params);
      if (condition != null)
        jpql.append(" and not ").append(TEST_PAYMENT).append(condition).append(")");
    }
    if (extra != null) {
      if (extra.equals(REFUNDED)) refundParam = true;
      if (extra.startsWith(TEST_PAYMENT)) testPayments.paymentCondition("p", params);
      jpql.append(" and ").append(extra);
    }
    if (refundParam) params.put("refund", PaymentTransactionType.REFUND.getType());
    jpql.append(tail);
    Query query = em.createQuery(jpql.toString());
    for (Map.Entry<String, Object> e : params.entrySet())
      query.setParameter(e.getKey(), e.getValue());
    return query;
  }

  private static long single(Query q) {
    return ((Number) q.getSingleResult()).longValue();
  }
}

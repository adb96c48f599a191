package com.ckengine.broadleaf.order;

import java.math.BigDecimal;
import java.util.Date;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * A customer's submitted orders from Broadleaf's tables, in the caller's transaction: one aggregate
 * query over the customer's orders (Broadleaf's index on {@code BLC_ORDER.CUSTOMER_ID}), bounded by
 * one customer's history, counting those submitted up to the order being published (so an order
 * published again by a sweep later counts what it counted then).
 */
public final class JpaCustomerHistory implements CustomerFacts.History {
  static final String SUBMITTED_UP_TO =
      "select count(o), sum(o.total) from org.broadleafcommerce.core.order.domain.OrderImpl o "
          + "where o.customer.id = :customer and o.status = 'SUBMITTED' "
          + "and o.submitDate <= :submitted";

  private final EntityManagerFactory emf;

  public JpaCustomerHistory(EntityManagerFactory emf) {
    this.emf = emf;
  }

  @Override
  public CustomerFacts.Totals upTo(Order order) {
    if (order.getCustomer() == null || order.getCustomer().getId() == null) return null;
    Date submitted = order.getSubmitDate();
    if (submitted == null) return null;
    EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
    if (em == null) return null;
    Object[] row =
        (Object[])
            em.createQuery(SUBMITTED_UP_TO)
                .setParameter("customer", order.getCustomer().getId())
                .setParameter("submitted", submitted)
                .getSingleResult();
    long count = ((Number) row[0]).longValue();
    BigDecimal spent = (BigDecimal) row[1];
    return new CustomerFacts.Totals(count, spent == null ? BigDecimal.ZERO : spent);
  }
}

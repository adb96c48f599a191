package com.ckengine.broadleaf.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Date;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.core.order.domain.Order;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * A customer's submitted orders from Broadleaf's tables, in the caller's transaction: one aggregate
 * query over the orders of the customer or of the order's email (Broadleaf indexes both columns),
 * bounded by one customer's history, counting those submitted up to the order being published (so
 * an order published again by a sweep later counts what it counted then).
 */
public final class JpaCustomerHistory implements CustomerFacts.History {
  /**
   * By customer or by the order's email: a guest checkout makes a new Broadleaf customer on each
   * visit, while Kit knows the person by the email, so a returning guest's orders count together.
   * Both columns are indexed by Broadleaf ({@code ORDER_CUSTOMER_INDEX}, {@code
   * ORDER_EMAIL_INDEX}).
   */
  static final String SUBMITTED_UP_TO =
      "select count(o), sum(o.total) from org.broadleafcommerce.core.order.domain.OrderImpl o "
          + "where (o.customer.id = :customer or o.emailAddress = :email) "
          + "and o.status = 'SUBMITTED' and o.submitDate <= :submitted";

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
                .setParameter("email", email(order))
                .setParameter("submitted", submitted)
                .getSingleResult();
    long count = ((Number) row[0]).longValue();
    BigDecimal spent = row[1] == null ? BigDecimal.ZERO : (BigDecimal) row[1];
    // Broadleaf stores totals with five decimals (29.00000): shown as the order's money is.
    return new CustomerFacts.Totals(
        count, spent.setScale(moneyScale(order), RoundingMode.HALF_EVEN));
  }

  /** The order's email as stored, else the customer's; never null (matches no order then). */
  static String email(Order order) {
    if (order.getEmailAddress() != null) return order.getEmailAddress();
    String e = order.getCustomer().getEmailAddress();
    return e == null ? "" : e;
  }

  /** The decimals of the order's currency (its total's), else two. */
  static int moneyScale(Order order) {
    Money total = order.getTotal();
    return total == null || total.getAmount() == null ? 2 : total.getAmount().scale();
  }
}

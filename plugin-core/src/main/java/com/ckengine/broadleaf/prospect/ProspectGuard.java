package com.ckengine.broadleaf.prospect;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.Trigger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderImpl;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storefront's answer, when a Prospect Created action comes due, to "does this prospect still
 * hold?". It does not when the cart was bought, when the same email address completed any order
 * since the prospect appeared (the order's email, or its customer's: an order placed signed in may
 * carry only the account's), when the cart is gone, or when the cart's email or contents changed
 * since (a newer prospect stands for it). Reads the store's own tables in a read-only transaction;
 * a database error propagates, so the engine retries later rather than deliver on a guess.
 */
public class ProspectGuard implements DeliveryGuard {
  private EntityManagerFactory emf;
  private TransactionTemplate tx;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.emf = emf;
  }

  public void setTransactionManager(PlatformTransactionManager tm) {
    TransactionTemplate t = new TransactionTemplate(tm);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    t.setReadOnly(true);
    this.tx = t;
  }

  @Override
  public String vetoReason(
      Trigger trigger, final String reference, final String email, final Instant occurredAt) {
    if (trigger != Trigger.PROSPECT_CREATED) return null;
    final Long cartId = ProspectRefs.cartId(reference);
    if (cartId == null) return null;
    return tx.execute(
        new TransactionCallback<String>() {
          @Override
          public String doInTransaction(TransactionStatus status) {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            Order cart = em.find(OrderImpl.class, cartId);
            if (cart == null) return "the cart no longer exists";
            String state = cart.getStatus() == null ? null : cart.getStatus().getType();
            if ("SUBMITTED".equals(state)) {
              return "the cart was bought (order " + cart.getOrderNumber() + ")";
            }
            // occurredAt is an instant (stored as UTC epoch millis); Broadleaf writes SUBMIT_DATE
            // in the JVM's default zone, so this compares right when every node of the store runs
            // in one zone (docs/engine.md#time, "Time from one clock").
            if (email != null && occurredAt != null) {
              List<String> numbers =
                  em.createQuery(
                          "select o.orderNumber from OrderImpl o left join o.customer c "
                              + "where o.status = :s and o.submitDate >= :since "
                              + "and (lower(o.emailAddress) = :e or lower(c.emailAddress) = :e)",
                          String.class)
                      .setParameter("s", "SUBMITTED")
                      .setParameter("since", Date.from(occurredAt))
                      .setParameter("e", email.trim().toLowerCase(Locale.ROOT))
                      .setMaxResults(1)
                      .getResultList();
              if (!numbers.isEmpty()) {
                return "the customer completed order " + numbers.get(0) + " since";
              }
            }
            if (!"IN_PROCESS".equals(state)) return "the cart is no longer open (" + state + ")";
            if (!reference.equals(ProspectRefs.reference(cart))) {
              return "the cart's email or contents changed since; a newer prospect replaces this one";
            }
            return null;
          }
        });
  }
}

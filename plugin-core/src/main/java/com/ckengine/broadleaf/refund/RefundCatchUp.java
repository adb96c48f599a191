package com.ckengine.broadleaf.refund;

import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.CatchUpCandidate;
import com.ckengine.broadleaf.CatchUpSweep;
import com.ckengine.broadleaf.HostCatchUpSource;
import com.ckengine.broadleaf.HostIndex;
import com.ckengine.engine.UnstoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.broadleafcommerce.common.payment.PaymentTransactionType;

/**
 * The refund sweep's {@link CatchUpSource}: REFUND payment transactions (recorded by the plugin)
 * whose events were not stored, published through {@link BroadleafOrderRefunds}, plus the refunds
 * whose publish failed at the refund and were handed over. The {@link CatchUpSweep} walks them by
 * (date recorded, transaction id), which {@link #TYPE_DATE_INDEX} keeps cheap. A recorded refund is
 * published whatever its order's status since (an order canceled after its refund still had it).
 */
public class RefundCatchUp extends HostCatchUpSource {
  /**
   * The index the candidates' query ({@code TRANSACTION_TYPE = REFUND} and a range of {@code
   * DATE_RECORDED}) uses on Broadleaf's payment transactions, which Broadleaf 3.1 does not index by
   * either.
   */
  public static final HostIndex TYPE_DATE_INDEX =
      new HostIndex(
          "CK_PAYMENT_TX_TYPE_DATE",
          "BLC_ORDER_PAYMENT_TRANSACTION",
          "TRANSACTION_TYPE",
          "DATE_RECORDED");

  /** One page of REFUND transactions after a (date, id) place, with their order's number. */
  static final String REFUNDS_AFTER =
      "select t.id, t.date, p.order.orderNumber "
          + "from PaymentTransactionImpl t join t.orderPayment p "
          + "where t.type = :refund and t.date >= :from and t.date <= :upTo "
          + "and (t.date > :from or t.id > :fromId) "
          + "order by t.date, t.id";

  private BroadleafOrderRefunds refunds;

  /** The refunds' recorder ({@code ckOrderRefunds}): it publishes and hands over. */
  public void setRefunds(BroadleafOrderRefunds refunds) {
    this.refunds = refunds;
  }

  @Override
  public String name() {
    return "refund";
  }

  @Override
  public Collection<Trigger> triggers() {
    return Collections.unmodifiableList(
        Arrays.asList(Trigger.PRODUCT_REFUNDED, Trigger.PRODUCT_PARTIALLY_REFUNDED));
  }

  @Override
  public List<CatchUpCandidate> candidates(
      final Date from, final long fromId, final Date upTo, final int limit) {
    List<Object[]> rows =
        host()
            .run(
                em ->
                    em.createQuery(REFUNDS_AFTER, Object[].class)
                        .setParameter("refund", PaymentTransactionType.REFUND.getType())
                        .setParameter("from", from)
                        .setParameter("upTo", upTo)
                        .setParameter("fromId", fromId)
                        .setMaxResults(limit)
                        .getResultList());
    List<CatchUpCandidate> out = new ArrayList<CatchUpCandidate>(rows.size());
    for (Object[] row : rows) {
      long id = (Long) row[0];
      String order = (String) row[2];
      out.add(
          new CatchUpCandidate(id, (Date) row[1], order, BroadleafOrderRefunds.label(order, id)));
    }
    return out;
  }

  @Override
  public boolean isStored(CatchUpCandidate c) {
    return refunds.isKnownStored(c.id());
  }

  @Override
  public boolean publish(CatchUpCandidate c) {
    return refunds.publishTransaction(c.id());
  }

  @Override
  public Republished republish(UnstoredEvent event) {
    String refundId = BroadleafOrderRefunds.refundIdOf(event.eventKey(), event.reference());
    if (refundId == null) {
      return Republished.nothing("the event key names no refund of order " + event.reference());
    }
    if (!refunds.republish(event.reference(), refundId)) {
      return Republished.nothing(
          "refund " + refundId + " of order " + event.reference() + " is no longer found");
    }
    return Republished.PUBLISHED;
  }

  @Override
  public List<CatchUpCandidate> handedOver() {
    return refunds.takeHandedOver();
  }

  @Override
  public void ensureIndex() {
    host().ensure(TYPE_DATE_INDEX);
  }
}

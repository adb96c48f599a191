package com.ckengine.broadleaf.order;

import com.ckengine.api.PublishResult;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.AddedLines;
import com.ckengine.broadleaf.CatchUpCandidate;
import com.ckengine.broadleaf.CatchUpSweep;
import com.ckengine.broadleaf.HostCatchUpSource;
import com.ckengine.broadleaf.HostIndex;
import com.ckengine.engine.IntegrationLog;
import com.ckengine.engine.LogEntry;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.UnstoredEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The order sweep's {@link CatchUpSource}: submitted orders whose Product Purchased event, or the
 * Product Added to Order event of a line added after the submit ({@link AddedLines}), was never
 * stored, published through {@link OrderPurchases}. The {@link CatchUpSweep} walks them by (submit
 * date, order id), which {@value #INDEX_NAME} keeps cheap on a big order table.
 */
public class OrderCatchUp extends HostCatchUpSource {
  /** The index the candidates' query uses on the host's order table. */
  public static final String INDEX_NAME = "CK_ORDER_SUBMIT_DATE";

  /**
   * {@value #INDEX_NAME} on {@code BLC_ORDER (SUBMIT_DATE)}: Broadleaf 3.1 indexes the order's
   * status, number, email and customer but not its submit date.
   */
  public static final HostIndex SUBMIT_DATE_INDEX =
      new HostIndex(INDEX_NAME, "BLC_ORDER", "SUBMIT_DATE");

  /** One page of submitted orders after a (submit date, id) place. */
  static final String SUBMITTED_AFTER =
      "select o.id, o.orderNumber, o.submitDate from OrderImpl o "
          + "where o.submitDate >= :from and o.submitDate <= :upTo and o.status = 'SUBMITTED' "
          + "and (o.submitDate > :from or o.id > :fromId) "
          + "order by o.submitDate, o.id";

  static final String ID_BY_NUMBER = "select o.id from OrderImpl o where o.orderNumber = :n";

  /** How many lines of one order were added after its submit. */
  static final String ADDED_LINES_OF_ORDER =
      "select count(a) from OrderItemAttributeImpl a "
          + "where a.name = :name and a.orderItem.order.id = :id";

  /** More added lines than a confirmation page would ever offer, and the log's largest page. */
  private static final int ADDED_LINES_PAGE = 200;

  private OrderPurchases purchases;
  private IntegrationLog log;

  public void setPurchases(OrderPurchases purchases) {
    this.purchases = purchases;
  }

  /** The engine's integration log: where an order's event is looked up. */
  public void setIntegrationLog(IntegrationLog log) {
    this.log = log;
  }

  @Override
  public String name() {
    return "order";
  }

  @Override
  public Collection<Trigger> triggers() {
    return Arrays.asList(Trigger.PRODUCT_PURCHASED, Trigger.PRODUCT_ADDED_TO_ORDER);
  }

  @Override
  public List<CatchUpCandidate> candidates(
      final Date from, final long fromId, final Date upTo, final int limit) {
    List<Object[]> rows =
        host()
            .run(
                em ->
                    em.createQuery(SUBMITTED_AFTER, Object[].class)
                        .setParameter("from", from)
                        .setParameter("upTo", upTo)
                        .setParameter("fromId", fromId)
                        .setMaxResults(limit)
                        .getResultList());
    List<CatchUpCandidate> out = new ArrayList<CatchUpCandidate>(rows.size());
    for (Object[] row : rows) {
      Long id = (Long) row[0];
      String reference = reference(id, (String) row[1]);
      out.add(new CatchUpCandidate(id, (Date) row[2], reference, "order " + reference));
    }
    return out;
  }

  /** The order's event reference: its number, or "id-" and its id (as {@link OrderEvents}). */
  private static String reference(Long id, String number) {
    return number == null || number.trim().isEmpty() ? "id-" + id : number.trim();
  }

  @Override
  public boolean isStored(CatchUpCandidate c) {
    String number = c.reference();
    if (purchases.isKnownPublished(number)) return true;
    boolean stored =
        !log.search(
                LogQuery.builder()
                    .reference(number)
                    .trigger(Trigger.PRODUCT_PURCHASED)
                    .pageSize(1)
                    .build())
            .entries()
            .isEmpty();
    if (stored) purchases.rememberPublished(number);
    return stored && addedLinesStored(c);
  }

  /**
   * True when every line added to the order after its submit has its Product Added to Order event
   * (each event leaves at least one log entry, "no rule matched" when nothing else). Read only for
   * orders not known in this process: after a restart, a line added just before it is found here.
   */
  private boolean addedLinesStored(final CatchUpCandidate c) {
    long added =
        host()
            .run(
                em ->
                    em.createQuery(ADDED_LINES_OF_ORDER, Long.class)
                        .setParameter("name", AddedLines.ATTRIBUTE)
                        .setParameter("id", c.id())
                        .getSingleResult());
    if (added == 0) return true;
    Set<Long> events = new HashSet<Long>();
    for (LogEntry e :
        log.search(
                LogQuery.builder()
                    .reference(c.reference())
                    .trigger(Trigger.PRODUCT_ADDED_TO_ORDER)
                    .pageSize(ADDED_LINES_PAGE)
                    .build())
            .entries()) {
      events.add(e.eventId());
    }
    return events.size() >= added;
  }

  @Override
  public List<CatchUpCandidate> handedOver() {
    return purchases.handedOver();
  }

  @Override
  public boolean publish(CatchUpCandidate c) {
    PublishResult r = purchases.publish(c.id());
    return r != null && r.isAccepted();
  }

  @Override
  public Republished republish(UnstoredEvent event) {
    Long id = orderId(event.reference());
    if (id == null) return Republished.nothing("order " + event.reference() + " no longer exists");
    if (purchases.publish(id) == null) {
      return Republished.nothing(
          "order " + event.reference() + " is no longer submitted, or makes no valid event");
    }
    return Republished.PUBLISHED;
  }

  /** The id of the order with this event reference, or null. */
  private Long orderId(final String reference) {
    if (reference.startsWith("id-")) {
      try {
        return Long.valueOf(reference.substring(3));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    List<Long> ids =
        host()
            .run(
                em ->
                    em.createQuery(ID_BY_NUMBER, Long.class)
                        .setParameter("n", reference)
                        .setMaxResults(1)
                        .getResultList());
    return ids.isEmpty() ? null : ids.get(0);
  }

  @Override
  public void ensureIndex() {
    host().ensure(SUBMIT_DATE_INDEX);
  }
}

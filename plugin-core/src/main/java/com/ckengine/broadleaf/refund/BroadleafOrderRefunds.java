package com.ckengine.broadleaf.refund;

import com.ckengine.api.EventLine;
import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.CatchUpCandidate;
import com.ckengine.broadleaf.order.OrderEvents;
import com.ckengine.broadleaf.order.TestPayments;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.broadleafcommerce.common.money.Money;
import org.broadleafcommerce.common.payment.PaymentTransactionType;
import org.broadleafcommerce.core.order.domain.Order;
import org.broadleafcommerce.core.order.domain.OrderItem;
import org.broadleafcommerce.core.order.service.OrderService;
import org.broadleafcommerce.core.payment.domain.OrderPayment;
import org.broadleafcommerce.core.payment.domain.PaymentTransaction;
import org.broadleafcommerce.core.payment.service.OrderPaymentService;
import org.hibernate.Session;
import org.hibernate.jdbc.Work;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link OrderRefunds} on Broadleaf 3.1. A refund is a {@code PaymentTransaction} of type REFUND on
 * the order's captured payment (parent: the capture), marked with two additional fields: {@value
 * #REFUND_ID} and {@value #REFUND_LINES} (order item id=amount;... and shipping=amount), which is
 * how later refunds of the same order know what each line and the shipping have left. Events are
 * published after the refund commits.
 *
 * <p>What that publish missed (the engine's tables were unavailable, the process died in between)
 * the refund sweep catches up ({@link RefundCatchUp}, a {@code CatchUpSweep}): a refund whose
 * publish failed without its failure being recorded is handed over to it ({@link #takeHandedOver});
 * it publishes through {@link #publishTransaction} and {@link #republish} (publishing is
 * idempotent: the event key holds the refund id).
 */
public class BroadleafOrderRefunds implements OrderRefunds {
  private static final Log LOG = LogFactory.getLog(BroadleafOrderRefunds.class);

  /** Additional field of a REFUND transaction: the refund id (the idempotency key). */
  public static final String REFUND_ID = "ckengine.refundId";

  /** Additional field of a REFUND transaction: how it splits over the order's lines. */
  public static final String REFUND_LINES = "ckengine.refundLines";

  /** In {@link #REFUND_LINES}, the part of the refund on the order's shipping. */
  static final String SHIPPING_KEY = "shipping";

  private EventPublisher publisher;
  private TestPayments testPayments = TestPayments.NONE;
  private OrderService orderService;
  private OrderPaymentService orderPaymentService;
  private EntityManagerFactory emf;
  private TransactionTemplate tx;

  /** Ids of REFUND transactions whose events this process saw stored: the sweep skips them. */
  private final Map<Long, Boolean> stored =
      Collections.synchronizedMap(
          new LinkedHashMap<Long, Boolean>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
              return size() > 20000;
            }
          });

  /**
   * Refunds whose publish failed at the refund with nothing recorded: the refund sweep takes them
   * up at its next run, whether or not its walk has passed their date.
   */
  private final Map<Long, CatchUpCandidate> handedOver =
      Collections.synchronizedMap(
          new LinkedHashMap<Long, CatchUpCandidate>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, CatchUpCandidate> eldest) {
              return size() > 10000; // the sweep's walk after a start finds those
            }
          });

  /** Which payments make an order a test order ({@code ckengine.orders.testPayments}). */
  public void setTestPayments(TestPayments testPayments) {
    this.testPayments = testPayments;
  }

  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  public void setOrderService(OrderService orderService) {
    this.orderService = orderService;
  }

  public void setOrderPaymentService(OrderPaymentService s) {
    this.orderPaymentService = s;
  }

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.emf = emf;
  }

  public void setTransactionManager(PlatformTransactionManager tm) {
    TransactionTemplate t = new TransactionTemplate(tm);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.tx = t;
  }

  @Override
  public RefundReceipt refund(final RefundRequest request) {
    final Recorded r =
        tx.execute(
            new TransactionCallback<Recorded>() {
              @Override
              public Recorded doInTransaction(TransactionStatus status) {
                return record(request);
              }
            });
    publish(r, request.orderNumber(), request.refundId());
    if (!r.receipt.alreadyRecorded()) {
      LOG.info(
          "refund "
              + request.refundId()
              + " of order "
              + request.orderNumber()
              + " recorded: "
              + r.receipt);
    }
    return r.receipt;
  }

  /**
   * Publishes a recorded refund's events again (idempotent); false when it is not found. The
   * order's status does not matter: an order canceled after its refund still had that refund.
   */
  public boolean republish(final String orderNumber, final String refundId) {
    Recorded r =
        tx.execute(
            new TransactionCallback<Recorded>() {
              @Override
              public Recorded doInTransaction(TransactionStatus status) {
                Order order = orderService.findOrderByOrderNumber(orderNumber);
                if (order == null) return null;
                List<PaymentTransaction> refunds = ourRefunds(order);
                for (PaymentTransaction t : refunds) {
                  if (refundId.equals(t.getAdditionalFields().get(REFUND_ID)))
                    return replay(order, refunds, t);
                }
                return null;
              }
            });
    if (r == null) return false;
    publishAll(r.events);
    stored.put(r.transactionId, Boolean.TRUE);
    return true;
  }

  /**
   * Publishes the events of the refund recorded as this REFUND transaction (idempotent), for the
   * refund sweep.
   *
   * @return true when an event was stored now; false when all were stored already, or the
   *     transaction is not a refund recorded by the plugin
   */
  public boolean publishTransaction(final long transactionId) {
    Recorded r =
        tx.execute(
            new TransactionCallback<Recorded>() {
              @Override
              public Recorded doInTransaction(TransactionStatus status) {
                PaymentTransaction t = orderPaymentService.readTransactionById(transactionId);
                if (t == null
                    || t.getAdditionalFields() == null
                    || !t.getAdditionalFields().containsKey(REFUND_ID)
                    || t.getOrderPayment() == null
                    || t.getOrderPayment().getOrder() == null) {
                  return null;
                }
                Order order = t.getOrderPayment().getOrder();
                List<PaymentTransaction> refunds = ourRefunds(order);
                for (PaymentTransaction mine : refunds) {
                  if (mine.getId().equals(t.getId())) return replay(order, refunds, mine);
                }
                return null;
              }
            });
    if (r == null) return false;
    boolean storedNow = publishAll(r.events);
    stored.put(transactionId, Boolean.TRUE);
    return storedNow;
  }

  /** True when this process saw the events of this REFUND transaction stored. */
  public boolean isKnownStored(long transactionId) {
    return stored.containsKey(transactionId);
  }

  /** The refunds handed over to the sweep since the last call (each once). */
  public List<CatchUpCandidate> takeHandedOver() {
    synchronized (handedOver) {
      List<CatchUpCandidate> out = new ArrayList<CatchUpCandidate>(handedOver.values());
      handedOver.clear();
      return out;
    }
  }

  /** Forgets what this process remembers (stored and handed-over refunds), as a restart does. */
  public void forget() {
    stored.clear();
    handedOver.clear();
  }

  /** How the refund sweep's logs name the refund of this REFUND transaction. */
  static String label(String orderNumber, long transactionId) {
    return "the refund of order " + orderNumber + " (payment transaction " + transactionId + ")";
  }

  private static final class Recorded {
    final RefundReceipt receipt;
    final List<StoreEvent> events;
    final long transactionId;
    final Date recordedAt;

    Recorded(RefundReceipt receipt, List<StoreEvent> events, long transactionId, Date recordedAt) {
      this.receipt = receipt;
      this.events = events;
      this.transactionId = transactionId;
      this.recordedAt = recordedAt;
    }
  }

  private Recorded record(RefundRequest request) {
    // First, before anything of the order is read: the ledger check and the write below are then
    // one step for this order (a second refund of it waits here, and then sees this one).
    lockOrderRow(request.orderNumber());
    Order order = submittedOrder(request.orderNumber());
    List<PaymentTransaction> refunds = ourRefunds(order);
    for (PaymentTransaction t : refunds) {
      if (request.refundId().equals(t.getAdditionalFields().get(REFUND_ID))) {
        Recorded again = replay(order, refunds, t);
        return new Recorded(
            new RefundReceipt(
                again.receipt.refundId(),
                again.receipt.amount(),
                true,
                again.receipt.refundedProducts(),
                again.receipt.partiallyRefundedProducts()),
            again.events,
            again.transactionId,
            again.recordedAt);
      }
    }
    RefundLedger ledger = ledger(order);
    for (PaymentTransaction t : refunds) ledger.apply(allocationOf(t));
    Map<Long, BigDecimal> allocation = ledger.allocate(request);
    PaymentTransaction capture = capture(order);
    BigDecimal amount = BigDecimal.ZERO;
    for (BigDecimal a : allocation.values()) amount = amount.add(a);

    PaymentTransaction refund = orderPaymentService.createTransaction();
    refund.setType(PaymentTransactionType.REFUND);
    refund.setParentTransaction(capture);
    refund.setOrderPayment(capture.getOrderPayment());
    refund.setAmount(new Money(amount, capture.getOrderPayment().getCurrency()));
    refund.setSuccess(true);
    refund.setDate(new Date());
    Map<String, String> fields = new HashMap<String, String>();
    fields.put(REFUND_ID, request.refundId());
    fields.put(REFUND_LINES, formatAllocation(allocation));
    refund.setAdditionalFields(fields);
    // Saved first (a merge), then the managed copy joins the payment's list: adding the new object
    // to the list would cascade a second copy, and leaving the list alone would leave a cached
    // collection stale.
    PaymentTransaction saved = orderPaymentService.save(refund);
    capture.getOrderPayment().getTransactions().add(saved);

    ledger.apply(allocation);
    return events(order, ledger, allocation, request.refundId(), amount, false, saved);
  }

  /** {@link OrderRowLock} on the current transaction's connection. */
  private void lockOrderRow(final String orderNumber) {
    EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
    em.unwrap(Session.class)
        .doWork(
            new Work() {
              @Override
              public void execute(Connection c) throws SQLException {
                OrderRowLock.lock(c, orderNumber);
              }
            });
  }

  /** The receipt and events of an already recorded refund, as of when it was recorded. */
  private Recorded replay(
      Order order, List<PaymentTransaction> refunds, PaymentTransaction target) {
    RefundLedger ledger = ledger(order);
    for (PaymentTransaction t : refunds) {
      ledger.apply(allocationOf(t));
      if (t == target) break;
    }
    BigDecimal amount =
        target.getAmount() == null ? BigDecimal.ZERO : target.getAmount().getAmount();
    return events(
        order,
        ledger,
        allocationOf(target),
        target.getAdditionalFields().get(REFUND_ID),
        amount,
        true,
        target);
  }

  private Recorded events(
      Order order,
      RefundLedger ledger,
      Map<Long, BigDecimal> allocation,
      String refundId,
      BigDecimal amount,
      boolean again,
      PaymentTransaction transaction) {
    RefundLedger.Outcome o = ledger.outcome(allocation);
    Map<Long, OrderItem> items = new HashMap<Long, OrderItem>();
    for (OrderItem i : order.getOrderItems()) items.put(i.getId(), i);
    List<EventLine> all = OrderEvents.lines(order);
    Map<Long, EventLine> lineOf = new HashMap<Long, EventLine>();
    for (int i = 0; i < order.getOrderItems().size(); i++)
      lineOf.put(order.getOrderItems().get(i).getId(), all.get(i));
    List<StoreEvent> events = new ArrayList<StoreEvent>();
    List<Long> full = products(o.fullyRefundedItems, lineOf);
    List<Long> partial = products(o.partlyRefundedItems, lineOf);
    if (!o.fullyRefundedItems.isEmpty()) {
      events.add(
          event(
              order,
              Trigger.PRODUCT_REFUNDED,
              refundId,
              "refunded",
              o.fullyRefundedItems,
              lineOf,
              allocation));
    }
    if (!o.partlyRefundedItems.isEmpty()) {
      events.add(
          event(
              order,
              Trigger.PRODUCT_PARTIALLY_REFUNDED,
              refundId,
              "partially-refunded",
              o.partlyRefundedItems,
              lineOf,
              allocation));
    }
    return new Recorded(
        new RefundReceipt(refundId, amount, again, full, partial),
        events,
        transaction.getId(),
        transaction.getDate());
  }

  private static List<Long> products(List<Long> itemIds, Map<Long, EventLine> lineOf) {
    Set<Long> p = new LinkedHashSet<Long>();
    for (Long id : itemIds) p.add(lineOf.get(id).productId());
    return new ArrayList<Long>(p);
  }

  private StoreEvent event(
      Order order,
      Trigger trigger,
      String refundId,
      String suffix,
      List<Long> itemIds,
      Map<Long, EventLine> lineOf,
      Map<Long, BigDecimal> allocation) {
    String reference = OrderEvents.reference(order);
    BigDecimal total = BigDecimal.ZERO;
    StoreEvent.Builder b =
        StoreEvent.builder()
            .trigger(trigger)
            .occurredAtMillis(System.currentTimeMillis())
            .email(OrderEvents.email(order))
            .firstName(order.getCustomer() == null ? null : order.getCustomer().getFirstName())
            .reference(reference)
            .eventKey("refund:" + reference + ":" + refundId + ":" + suffix)
            .currency(OrderEvents.currency(order))
            .test(testPayments.isTestOrder(order));
    for (Long id : itemIds) {
      b.addLine(lineOf.get(id));
      BigDecimal a = allocation.get(id);
      if (a != null) total = total.add(a);
    }
    return b.total(total).build();
  }

  /**
   * Publishes a refund's events after its commit. One the database refuses is recorded by the
   * engine and retried by the sweep from that list; any other failure hands the refund over to the
   * sweep.
   */
  private void publish(Recorded r, String orderNumber, String refundId) {
    try {
      publishAll(r.events);
      stored.put(r.transactionId, Boolean.TRUE);
    } catch (RuntimeException e) {
      if (!(e instanceof EventNotStoredException && ((EventNotStoredException) e).isRecorded())) {
        handedOver.put(
            r.transactionId,
            new CatchUpCandidate(
                r.transactionId, r.recordedAt, orderNumber, label(orderNumber, r.transactionId)));
      }
      LOG.warn(
          "refund "
              + refundId
              + " of order "
              + orderNumber
              + " is recorded; its events are published later: "
              + e);
    }
  }

  /** Publishes each event; true when one was stored now (not already stored). */
  private boolean publishAll(List<StoreEvent> events) {
    boolean storedNow = false;
    for (StoreEvent e : events) storedNow |= publisher.publish(e).isAccepted();
    return storedNow;
  }

  /** The refund id in an event key this class made ({@code refund:<order>:<refund id>:<kind>}). */
  static String refundIdOf(String eventKey, String reference) {
    String prefix = "refund:" + reference + ":";
    int last = eventKey.lastIndexOf(':');
    if (!eventKey.startsWith(prefix) || last < prefix.length()) return null;
    return eventKey.substring(prefix.length(), last);
  }

  private Order submittedOrder(String orderNumber) {
    Order order = orderService.findOrderByOrderNumber(orderNumber);
    if (order == null) throw new RefundException("there is no order " + orderNumber);
    if (order.getStatus() == null || !"SUBMITTED".equals(order.getStatus().getType())) {
      throw new RefundException(
          "order " + orderNumber + " is not submitted, so nothing was paid to refund");
    }
    return order;
  }

  private static RefundLedger ledger(Order order) {
    return PaidAmounts.ledger(order);
  }

  /** The order's REFUND transactions recorded by the plugin, oldest first. */
  private static List<PaymentTransaction> ourRefunds(Order order) {
    List<PaymentTransaction> out = new ArrayList<PaymentTransaction>();
    for (OrderPayment p : order.getPayments()) {
      for (PaymentTransaction t : p.getTransactions()) {
        if (PaymentTransactionType.REFUND.equals(t.getType())
            && t.getAdditionalFields() != null
            && t.getAdditionalFields().containsKey(REFUND_ID)) {
          out.add(t);
        }
      }
    }
    Collections.sort(out, Comparator.comparing(PaymentTransaction::getId));
    return out;
  }

  private static PaymentTransaction capture(Order order) {
    for (OrderPayment p : order.getPayments()) {
      if (!p.isActive()) continue;
      for (PaymentTransaction t : p.getTransactions()) {
        boolean captured =
            PaymentTransactionType.AUTHORIZE_AND_CAPTURE.equals(t.getType())
                || PaymentTransactionType.CAPTURE.equals(t.getType());
        if (captured && Boolean.TRUE.equals(t.getSuccess())) return t;
      }
    }
    throw new RefundException(
        "order " + order.getOrderNumber() + " has no captured payment to refund");
  }

  static String formatAllocation(Map<Long, BigDecimal> allocation) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<Long, BigDecimal> e : allocation.entrySet()) {
      if (b.length() > 0) b.append(';');
      b.append(e.getKey() == RefundLedger.SHIPPING ? SHIPPING_KEY : e.getKey().toString());
      b.append('=').append(e.getValue().toPlainString());
    }
    return b.toString();
  }

  static Map<Long, BigDecimal> allocationOf(PaymentTransaction t) {
    Map<Long, BigDecimal> out = new LinkedHashMap<Long, BigDecimal>();
    String text = t.getAdditionalFields().get(REFUND_LINES);
    if (text == null || text.isEmpty()) return out;
    for (String part : text.split(";")) {
      int eq = part.indexOf('=');
      String key = part.substring(0, eq);
      out.put(
          SHIPPING_KEY.equals(key) ? RefundLedger.SHIPPING : Long.valueOf(key),
          new BigDecimal(part.substring(eq + 1)));
    }
    return out;
  }
}

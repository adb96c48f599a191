package com.ckengine.broadleaf.refund;

import com.ckengine.api.EventLine;
import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.EventPublisher;
import com.ckengine.api.StoreEvent;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.HostIndex;
import com.ckengine.broadleaf.order.OrderEvents;
import com.ckengine.broadleaf.order.TestPayments;
import com.ckengine.engine.CatchUpWindow;
import com.ckengine.engine.UnstoredEvent;
import com.ckengine.engine.UnstoredEvents;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.springframework.beans.factory.DisposableBean;
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
 * <p>The refund sweep catches up what that publish missed (the engine's tables were unavailable,
 * the process died in between, a gateway module wrote REFUND transactions while the engine was
 * down): it runs shortly after start and then every {@code sweepIntervalSeconds}, reads the
 * plugin's REFUND transactions recorded in the last {@code lookbackHours}, and publishes those not
 * yet known to be stored in this process (publishing is idempotent: the event key holds the refund
 * id).
 */
public class BroadleafOrderRefunds implements OrderRefunds, DisposableBean {
  private static final Log LOG = LogFactory.getLog(BroadleafOrderRefunds.class);

  /**
   * The index the refund sweep's query ({@code TRANSACTION_TYPE = REFUND and DATE_RECORDED >=
   * since}) uses on Broadleaf's payment transactions, which Broadleaf 3.1 does not index by either.
   */
  public static final HostIndex TYPE_DATE_INDEX =
      new HostIndex(
          "CK_PAYMENT_TX_TYPE_DATE",
          "BLC_ORDER_PAYMENT_TRANSACTION",
          "TRANSACTION_TYPE",
          "DATE_RECORDED");

  /** Additional field of a REFUND transaction: the refund id (the idempotency key). */
  public static final String REFUND_ID = "ckengine.refundId";

  /** Additional field of a REFUND transaction: how it splits over the order's lines. */
  public static final String REFUND_LINES = "ckengine.refundLines";

  /** In {@link #REFUND_LINES}, the part of the refund on the order's shipping. */
  static final String SHIPPING_KEY = "shipping";

  private EventPublisher publisher;
  private TestPayments testPayments = TestPayments.NONE;
  private UnstoredEvents unstored;
  private int maxRetriesPerRun = 20;
  private OrderService orderService;
  private OrderPaymentService orderPaymentService;
  private EntityManagerFactory emf;
  private TransactionTemplate tx;
  private long lookbackHours = CatchUpWindow.DEFAULT_LOOKBACK.toHours();
  private long startDelaySeconds = 20;
  private long sweepIntervalSeconds = 60;
  private boolean ensureIndex = true;
  private final Set<String> pending = Collections.synchronizedSet(new LinkedHashSet<String>());

  /** Refunds ("order\nrefundId") whose events this process saw stored: the sweep skips them. */
  private final Map<String, Boolean> published =
      Collections.synchronizedMap(
          new LinkedHashMap<String, Boolean>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > 20000;
            }
          });

  /**
   * Refunds whose events could not be stored, the failure recorded ({@link UnstoredEvents}): the
   * sweep does not take them up as new, but publishes them again from that list.
   */
  private final Set<String> recordedFailures = Collections.synchronizedSet(new HashSet<String>());

  /** Ids of REFUND transactions whose events are known stored. */
  private final Set<Long> storedTransactions = Collections.synchronizedSet(new HashSet<Long>());

  private ScheduledExecutorService scheduler;

  /** Which payments make an order a test order ({@code ckengine.orders.testPayments}). */
  public void setTestPayments(TestPayments testPayments) {
    this.testPayments = testPayments;
  }

  public void setPublisher(EventPublisher publisher) {
    this.publisher = publisher;
  }

  /** The engine's events that could not be stored: the sweep publishes its refunds' again. */
  public void setUnstoredEvents(UnstoredEvents unstored) {
    this.unstored = unstored;
  }

  public void setMaxRetriesPerRun(int n) {
    this.maxRetriesPerRun = Math.max(0, n);
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

  /**
   * How far back a run looks ({@code ckengine.sweeps.lookbackHours}; blank keeps {@link
   * CatchUpWindow#DEFAULT_LOOKBACK}). The engine reads the same setting and keeps log events at
   * least this long, so the sweep never republishes an event the log has forgotten.
   */
  public void setLookbackHours(Long h) {
    this.lookbackHours = h == null ? CatchUpWindow.DEFAULT_LOOKBACK.toHours() : Math.max(0, h);
  }

  public void setStartDelaySeconds(long s) {
    this.startDelaySeconds = Math.max(0, s);
  }

  /** How often the refund sweep runs ({@code ckengine.refunds.sweep.intervalSeconds}). */
  public void setSweepIntervalSeconds(long s) {
    this.sweepIntervalSeconds = Math.max(1, s);
  }

  /**
   * Whether to create {@link #TYPE_DATE_INDEX} when no index starts with its columns ({@code
   * ckengine.refunds.ensureIndex}).
   */
  public void setEnsureIndex(boolean ensure) {
    this.ensureIndex = ensure;
  }

  /** Creates {@link #TYPE_DATE_INDEX} unless an index already starts with its columns. */
  public void ensureIndex() {
    tx.execute(
        new TransactionCallback<Void>() {
          @Override
          public Void doInTransaction(TransactionStatus status) {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            em.unwrap(Session.class)
                .doWork(
                    new Work() {
                      @Override
                      public void execute(Connection c) throws SQLException {
                        TYPE_DATE_INDEX.ensure(c);
                      }
                    });
            return null;
          }
        });
  }

  public synchronized void start() {
    if (scheduler != null) return;
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ckengine-refunds");
              t.setDaemon(true);
              return t;
            });
    if (ensureIndex) {
      scheduler.execute(
          () -> {
            try {
              ensureIndex();
            } catch (Throwable e) {
              LOG.warn("could not check or create index " + TYPE_DATE_INDEX.name() + ": " + e);
            }
          });
    }
    scheduler.scheduleWithFixedDelay(
        this::publishRecent, startDelaySeconds, sweepIntervalSeconds, TimeUnit.SECONDS);
  }

  @Override
  public synchronized void destroy() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
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
    publish(r.events, request.orderNumber(), request.refundId());
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
    return true;
  }

  private static final class Recorded {
    final RefundReceipt receipt;
    final List<StoreEvent> events;

    Recorded(RefundReceipt receipt, List<StoreEvent> events) {
      this.receipt = receipt;
      this.events = events;
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
            again.events);
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
    return events(order, ledger, allocation, request.refundId(), amount, false);
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
        true);
  }

  private Recorded events(
      Order order,
      RefundLedger ledger,
      Map<Long, BigDecimal> allocation,
      String refundId,
      BigDecimal amount,
      boolean again) {
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
    return new Recorded(new RefundReceipt(refundId, amount, again, full, partial), events);
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

  private void publish(List<StoreEvent> events, String orderNumber, String refundId) {
    try {
      publishAll(events);
      published.put(orderNumber + "\n" + refundId, Boolean.TRUE);
    } catch (RuntimeException e) {
      pending.add(orderNumber + "\n" + refundId);
      LOG.warn(
          "refund "
              + refundId
              + " of order "
              + orderNumber
              + " is recorded; its events are published later: "
              + e);
    }
  }

  private void publishAll(List<StoreEvent> events) {
    for (StoreEvent e : events) publisher.publish(e);
  }

  /**
   * Publishes the pending refunds. One that cannot be published is passed and the next ones go on:
   * its event refused (and recorded for the operator), or the refund itself unreadable (it stays
   * pending and is tried again at the next run). Only the database being away (it cannot even take
   * the note) stops here until the next run: the next refunds would fail the same way.
   */
  void retryPending() {
    for (String key : new ArrayList<String>(pending)) {
      String[] p = key.split("\n", 2);
      try {
        republish(p[0], p[1]);
        pending.remove(key);
        recordedFailures.remove(key);
        published.put(key, Boolean.TRUE);
      } catch (EventNotStoredException e) {
        if (!e.isRecorded()) {
          LOG.warn("refund " + p[1] + " of order " + p[0] + " still not published: " + e);
          return;
        }
        pending.remove(key);
        recordedFailures.add(key);
        LOG.warn(
            "refund sweep passed refund "
                + p[1]
                + " of order "
                + p[0]
                + ": its event could not be stored ("
                + e.reason()
                + "); it is listed on the Integration Setup page and in Logs and tried again at"
                + " the next run");
      } catch (RuntimeException e) {
        if (DatabaseTrouble.in(e)) {
          LOG.warn("refund " + p[1] + " of order " + p[0] + " still not published: " + e);
          return;
        }
        LOG.warn(
            "refund sweep passed refund "
                + p[1]
                + " of order "
                + p[0]
                + ", which could not be read to publish it; it is tried again at the next run: "
                + e);
      }
    }
  }

  /** Takes up again the refunds whose events could not be stored (the operator's Retry first). */
  private void queueUnstored() {
    if (unstored == null || maxRetriesPerRun == 0) return;
    for (UnstoredEvent u :
        unstored.toRetry(
            Arrays.asList(Trigger.PRODUCT_REFUNDED, Trigger.PRODUCT_PARTIALLY_REFUNDED),
            maxRetriesPerRun)) {
      String refundId = refundIdOf(u.eventKey(), u.reference());
      if (refundId != null) pending.add(u.reference() + "\n" + refundId);
    }
  }

  /** The refund id in an event key this class made ({@code refund:<order>:<refund id>:<kind>}). */
  static String refundIdOf(String eventKey, String reference) {
    String prefix = "refund:" + reference + ":";
    int last = eventKey.lastIndexOf(':');
    if (!eventKey.startsWith(prefix) || last < prefix.length()) return null;
    return eventKey.substring(prefix.length(), last);
  }

  /**
   * One run of the refund sweep: publishes the refunds recorded in the last lookbackHours that this
   * process has not seen stored (a no-op for those already stored). Never throws.
   *
   * @return how many refunds it found to publish
   */
  public int publishRecent() {
    int found = 0;
    try {
      final Date since =
          new Date(System.currentTimeMillis() - TimeUnit.HOURS.toMillis(lookbackHours));
      List<Object[]> rows =
          tx.execute(
              new TransactionCallback<List<Object[]>>() {
                @Override
                public List<Object[]> doInTransaction(TransactionStatus status) {
                  EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
                  return em.createQuery(
                          "select p.order.orderNumber, t.id from PaymentTransactionImpl t join t.orderPayment p "
                              + "where t.type = :r and t.date >= :since",
                          Object[].class)
                      .setParameter("r", PaymentTransactionType.REFUND.getType())
                      .setParameter("since", since)
                      .getResultList();
                }
              });
      for (Object[] row : rows) {
        final Long id = (Long) row[1];
        if (row[0] == null || storedTransactions.contains(id)) continue;
        String refundId =
            tx.execute(
                new TransactionCallback<String>() {
                  @Override
                  public String doInTransaction(TransactionStatus status) {
                    PaymentTransaction t = orderPaymentService.readTransactionById(id);
                    return t == null ? null : t.getAdditionalFields().get(REFUND_ID);
                  }
                });
        if (refundId == null) continue;
        if (recordedFailures.contains(row[0] + "\n" + refundId)) continue;
        if (published.containsKey(row[0] + "\n" + refundId)) {
          // Known stored: later runs skip this transaction without reading it again.
          storedTransactions.add(id);
        } else if (pending.add(row[0] + "\n" + refundId)) {
          found++;
        }
      }
      if (found > 0) {
        LOG.info("refund sweep: " + found + " refund(s) without a stored event; publishing them");
      }
      queueUnstored();
      retryPending();
    } catch (RuntimeException e) {
      LOG.warn("refund sweep failed; it runs again in " + sweepIntervalSeconds + " s: " + e);
    }
    return found;
  }

  /** Forgets what this process remembers (pending and stored refunds), as a restart does. */
  public void forget() {
    pending.clear();
    recordedFailures.clear();
    published.clear();
    storedTransactions.clear();
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

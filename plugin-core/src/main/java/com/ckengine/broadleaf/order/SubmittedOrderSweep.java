package com.ckengine.broadleaf.order;

import com.ckengine.api.EventNotStoredException;
import com.ckengine.api.Trigger;
import com.ckengine.broadleaf.HostIndex;
import com.ckengine.engine.CatchUpWindow;
import com.ckengine.engine.IntegrationLog;
import com.ckengine.engine.LogQuery;
import com.ckengine.engine.UnstoredEvent;
import com.ckengine.engine.UnstoredEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * The catch-up sweep: finds submitted orders whose Product Purchased event was never stored (the
 * process died between the order's commit and the publish, the engine's tables were unavailable,
 * the queue was full) and publishes them. Runs shortly after start and then periodically.
 *
 * <p>Cheap on a big order table: it walks submitted orders in (submit date, order id) order from a
 * watermark with keyset paging ({@code SUBMIT_DATE} is indexed, see {@link #ensureIndex}), so a run
 * reads only the orders submitted since the previous run. The watermark starts {@code
 * lookbackHours} back at each start and only moves past an order once its event is stored, or its
 * failure to store is recorded ({@link UnstoredEvents}): one event the database refuses does not
 * hold up the orders after it. Such an event is published again at the start of every later run
 * (the operator's Retry first, at most {@code maxRetriesPerRun}) until it is stored. A failure that
 * could not even be recorded (the database is away) stops the run there, and the next run retries
 * from the same place. Orders newer than {@code graceSeconds} are left to the immediate publish.
 */
public class SubmittedOrderSweep implements DisposableBean {
  private static final Log LOG = LogFactory.getLog(SubmittedOrderSweep.class);

  /** The index the sweep's query uses on the host's order table. */
  public static final String INDEX_NAME = "CK_ORDER_SUBMIT_DATE";

  private OrderPurchases purchases;
  private IntegrationLog log;
  private UnstoredEvents unstored;
  private int maxRetriesPerRun = 20;
  private EntityManagerFactory emf;
  private TransactionTemplate tx;
  private long intervalSeconds = 60;
  private long startDelaySeconds = 20;
  private long lookbackHours = CatchUpWindow.DEFAULT_LOOKBACK.toHours();
  private long graceSeconds = 10;
  private int pageSize = 200;
  private int maxOrdersPerRun = 2000;
  private boolean ensureIndex = true;

  private Date watermarkDate;
  private long watermarkId;
  private ScheduledExecutorService scheduler;

  public void setPurchases(OrderPurchases purchases) {
    this.purchases = purchases;
  }

  /** The engine's integration log: where the sweep looks whether an order's event is stored. */
  public void setIntegrationLog(IntegrationLog log) {
    this.log = log;
  }

  /** The engine's events that could not be stored: the sweep publishes its orders' again. */
  public void setUnstoredEvents(UnstoredEvents unstored) {
    this.unstored = unstored;
  }

  public void setMaxRetriesPerRun(int n) {
    this.maxRetriesPerRun = Math.max(0, n);
  }

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.emf = emf;
  }

  public void setTransactionManager(PlatformTransactionManager tm) {
    TransactionTemplate t = new TransactionTemplate(tm);
    t.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.tx = t;
  }

  public void setIntervalSeconds(long s) {
    this.intervalSeconds = Math.max(1, s);
  }

  public void setStartDelaySeconds(long s) {
    this.startDelaySeconds = Math.max(0, s);
  }

  /**
   * How far back a run looks ({@code ckengine.sweeps.lookbackHours}; blank keeps {@link
   * CatchUpWindow#DEFAULT_LOOKBACK}). The engine reads the same setting and keeps log events at
   * least this long, so the sweep never republishes an event the log has forgotten.
   */
  public void setLookbackHours(Long h) {
    this.lookbackHours = h == null ? CatchUpWindow.DEFAULT_LOOKBACK.toHours() : Math.max(0, h);
  }

  public void setGraceSeconds(long s) {
    this.graceSeconds = Math.max(0, s);
  }

  public void setPageSize(int n) {
    this.pageSize = Math.max(1, n);
  }

  public void setMaxOrdersPerRun(int n) {
    this.maxOrdersPerRun = Math.max(1, n);
  }

  /**
   * Whether to create {@value #INDEX_NAME} on {@code BLC_ORDER(SUBMIT_DATE)} when it is missing.
   */
  public void setEnsureIndex(boolean ensure) {
    this.ensureIndex = ensure;
  }

  public synchronized void start() {
    if (scheduler != null) return;
    resetWatermark(System.currentTimeMillis());
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ckengine-order-sweep");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            runOnce();
          } catch (Throwable e) {
            LOG.warn("order sweep failed; it runs again in " + intervalSeconds + " s: " + e);
          }
        },
        startDelaySeconds,
        intervalSeconds,
        TimeUnit.SECONDS);
    if (ensureIndex) {
      scheduler.execute(
          () -> {
            try {
              ensureIndex();
            } catch (Throwable e) {
              LOG.warn("could not check or create index " + INDEX_NAME + ": " + e);
            }
          });
    }
    LOG.info(
        "order sweep scheduled: every "
            + intervalSeconds
            + " s, first in "
            + startDelaySeconds
            + " s, looking back "
            + lookbackHours
            + " h");
  }

  @Override
  public synchronized void destroy() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /** Starts the next run {@code lookbackHours} before {@code nowMillis}. */
  public synchronized void resetWatermark(long nowMillis) {
    watermarkDate = new Date(nowMillis - TimeUnit.HOURS.toMillis(lookbackHours));
    watermarkId = Long.MIN_VALUE;
  }

  /** One run: what it looked at and published. */
  public static final class Run {
    public final int examined;
    public final int published;
    public final boolean stoppedByFailure;

    /** Orders passed because their event could not be stored (recorded for the operator). */
    public final int passed;

    Run(int examined, int published, boolean stoppedByFailure, int passed) {
      this.examined = examined;
      this.published = published;
      this.stoppedByFailure = stoppedByFailure;
      this.passed = passed;
    }

    @Override
    public String toString() {
      return "examined "
          + examined
          + ", published "
          + published
          + (passed > 0 ? ", passed " + passed + " that could not be stored" : "")
          + (stoppedByFailure ? ", stopped by a failure" : "");
    }
  }

  /** Runs the sweep once on the caller's thread (the scheduler's, or a test's). */
  public synchronized Run runOnce() {
    final Date upTo =
        new Date(System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(graceSeconds));
    int examined = 0;
    int publishedNow = 0;
    int passed = 0;
    Retried retried = retryUnstored();
    if (retried.stopped) return new Run(0, retried.published, true, 0);
    publishedNow += retried.published;
    while (examined < maxOrdersPerRun) {
      List<Object[]> page =
          page(watermarkDate, watermarkId, upTo, Math.min(pageSize, maxOrdersPerRun - examined));
      for (Object[] row : page) {
        Long id = (Long) row[0];
        String number = row[1] == null ? "id-" + id : (String) row[1];
        Date submitted = (Date) row[2];
        examined++;
        if (!purchases.isKnownPublished(number)) {
          try {
            if (hasEvent(number)) {
              purchases.rememberPublished(number);
            } else if (purchases.publish(id) != null) {
              publishedNow++;
              LOG.info("order sweep published order " + number + ", which had no event yet");
            }
          } catch (EventNotStoredException e) {
            if (!e.isRecorded()) {
              LOG.warn("order sweep stopped at order " + number + " and retries it next run: " + e);
              return new Run(examined, publishedNow, true, passed);
            }
            passed++;
            LOG.warn(
                "order sweep passed order "
                    + number
                    + ": its event could not be stored ("
                    + e.reason()
                    + "); it is listed on the Integration Setup page and in Logs and tried again"
                    + " at the next run");
          } catch (RuntimeException e) {
            LOG.warn("order sweep stopped at order " + number + " and retries it next run: " + e);
            return new Run(examined, publishedNow, true, passed);
          }
        }
        watermarkDate = submitted;
        watermarkId = id;
      }
      if (page.size() < pageSize) break;
    }
    if (publishedNow > 0 || LOG.isDebugEnabled()) {
      LOG.info("order sweep: examined " + examined + ", published " + publishedNow);
    }
    return new Run(examined, publishedNow, false, passed);
  }

  private static final class Retried {
    final int published;
    final boolean stopped;

    Retried(int published, boolean stopped) {
      this.published = published;
      this.stopped = stopped;
    }
  }

  /**
   * Publishes again the Product Purchased events that could not be stored (the operator's Retry
   * first), reading each order anew. One still refused stays listed; the database being away stops
   * the run.
   */
  private Retried retryUnstored() {
    if (unstored == null || maxRetriesPerRun == 0) return new Retried(0, false);
    int published = 0;
    for (UnstoredEvent u :
        unstored.toRetry(Collections.singleton(Trigger.PRODUCT_PURCHASED), maxRetriesPerRun)) {
      try {
        Long id = orderId(u.reference());
        if (id != null && purchases.publish(id) != null) {
          published++;
          LOG.info(
              "order sweep published order "
                  + u.reference()
                  + ", which could not be stored before");
        } else if (id == null) {
          LOG.warn(
              "order "
                  + u.reference()
                  + " of an event that could not be stored no longer exists; it stays listed");
        }
      } catch (EventNotStoredException e) {
        if (!e.isRecorded()) return new Retried(published, true);
      } catch (RuntimeException e) {
        LOG.warn("order sweep could not retry order " + u.reference() + ": " + e);
        return new Retried(published, true);
      }
    }
    return new Retried(published, false);
  }

  /** The id of the order with this event reference (its number, or "id-" and its id), or null. */
  private Long orderId(final String reference) {
    if (reference.startsWith("id-")) {
      try {
        return Long.valueOf(reference.substring(3));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return tx.execute(
        new TransactionCallback<Long>() {
          @Override
          public Long doInTransaction(TransactionStatus status) {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            List<Long> ids =
                em.createQuery("select o.id from OrderImpl o where o.orderNumber = :n", Long.class)
                    .setParameter("n", reference)
                    .setMaxResults(1)
                    .getResultList();
            return ids.isEmpty() ? null : ids.get(0);
          }
        });
  }

  private boolean hasEvent(String orderNumber) {
    return !log.search(
            LogQuery.builder()
                .reference(orderNumber)
                .trigger(Trigger.PRODUCT_PURCHASED)
                .pageSize(1)
                .build())
        .entries()
        .isEmpty();
  }

  private List<Object[]> page(
      final Date fromDate, final long fromId, final Date upTo, final int limit) {
    return tx.execute(
        new TransactionCallback<List<Object[]>>() {
          @Override
          public List<Object[]> doInTransaction(TransactionStatus status) {
            EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
            return em.createQuery(
                    "select o.id, o.orderNumber, o.submitDate from OrderImpl o "
                        + "where o.submitDate >= :d and o.submitDate <= :upTo and o.status = :s "
                        + "and (o.submitDate > :d or o.id > :id) "
                        + "order by o.submitDate, o.id",
                    Object[].class)
                .setParameter("d", fromDate)
                .setParameter("upTo", upTo)
                .setParameter("s", "SUBMITTED")
                .setParameter("id", fromId)
                .setMaxResults(limit)
                .getResultList();
          }
        });
  }

  /** {@value #INDEX_NAME} on {@code BLC_ORDER (SUBMIT_DATE)}. */
  static final HostIndex SUBMIT_DATE_INDEX = new HostIndex(INDEX_NAME, "BLC_ORDER", "SUBMIT_DATE");

  /**
   * Creates {@value #INDEX_NAME} on {@code BLC_ORDER (SUBMIT_DATE)} unless an index already starts
   * with that column. Broadleaf 3.1 indexes the order's status, number, email and customer but not
   * its submit date, which the sweep's keyset query needs to stay cheap on a big table.
   */
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
                        SUBMIT_DATE_INDEX.ensure(c);
                      }
                    });
            return null;
          }
        });
  }
}

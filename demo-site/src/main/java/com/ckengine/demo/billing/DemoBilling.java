package com.ckengine.demo.billing;

import com.ckengine.api.subscription.CardUpdated;
import com.ckengine.api.subscription.ChargeFailed;
import com.ckengine.api.subscription.ChargeSucceeded;
import com.ckengine.api.subscription.FactResult;
import com.ckengine.api.subscription.SubscriptionCanceled;
import com.ckengine.api.subscription.SubscriptionLifecycle;
import com.ckengine.api.subscription.SubscriptionRestarted;
import com.ckengine.api.subscription.SubscriptionStarted;
import com.ckengine.api.subscription.SubscriptionStatus;
import com.ckengine.api.subscription.SubscriptionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The demo's billing module: opens an account per subscription bought, charges it when a renewal is
 * due (from a background job, or now from the billing page), and reports every fact to the plugin's
 * {@link SubscriptionLifecycle}, which decides which triggers fire.
 *
 * <p>Charges are pretend: a charge succeeds unless the page asked for the next ones to fail. A
 * failed charge is tried again after {@code retrySeconds}, a successful one renews after {@code
 * renewalSeconds}. Both can be changed while the demo runs with system properties of the same names
 * ({@code -Dckdemo.billing.renewalSeconds=30}), read at each charge.
 *
 * <p>One demo JVM bills: the methods are synchronized, which is all a single node needs.
 */
public class DemoBilling {
  private static final Log LOG = LogFactory.getLog(DemoBilling.class);

  static final String RENEWAL_PROPERTY = "ckdemo.billing.renewalSeconds";
  static final String RETRY_PROPERTY = "ckdemo.billing.retrySeconds";

  private EntityManagerFactory entityManagerFactory;
  private SubscriptionLifecycle lifecycle;
  private long renewalSeconds = 300;
  private long retrySeconds = 60;
  private long pollMillis = 1000;
  private ScheduledExecutorService job;

  public void setEntityManagerFactory(EntityManagerFactory emf) {
    this.entityManagerFactory = emf;
  }

  public void setLifecycle(SubscriptionLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /** Time between successful renewals ({@code ckdemo.billing.renewalSeconds}). */
  public void setRenewalSeconds(long seconds) {
    this.renewalSeconds = seconds;
  }

  /** Time before a failed charge is tried again ({@code ckdemo.billing.retrySeconds}). */
  public void setRetrySeconds(long seconds) {
    this.retrySeconds = seconds;
  }

  /** How often the job looks for due renewals ({@code ckdemo.billing.pollMillis}). */
  public void setPollMillis(long millis) {
    this.pollMillis = millis;
  }

  /** Starts the renewal job. */
  public void start() {
    job =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ckdemo-billing");
              t.setDaemon(true);
              return t;
            });
    job.scheduleWithFixedDelay(this::runDueQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    LOG.info(
        "Demo billing: renewals every "
            + renewal()
            + " s, failed charges retried after "
            + retry()
            + " s; open /demo/billing to steer them");
  }

  public void stop() {
    if (job != null) job.shutdownNow();
  }

  // ---- what the store and the page call

  /** Opens billing for a subscription bought on an order; does nothing if it is open already. */
  public synchronized void open(SubscriptionStarted started) {
    BillingAccountEntity existing = load(started.subscriptionId());
    if (existing == null) {
      final BillingAccountEntity a = new BillingAccountEntity();
      a.setSubscriptionId(started.subscriptionId());
      a.setOrderNumber(started.originOrderNumber());
      a.setProductId(started.productId());
      a.setSku(started.sku());
      a.setProductName(started.productName());
      a.setEmail(started.email());
      a.setFirstName(started.firstName());
      a.setPrice(started.price());
      a.setCurrency(started.currency());
      a.setPlannedPayments(started.plannedPayments());
      a.setBilling(true);
      a.setCreatedAt(Date.from(started.startedAt()));
      a.setNextChargeAt(new Date(started.startedAt().toEpochMilli() + renewal() * 1000));
      a.setLastResult("started");
      tx(
          em -> {
            em.persist(a);
            return null;
          });
      existing = a;
    }
    if (!existing.isStartReported()) reportStart(existing);
  }

  /** Charges every account whose renewal is due. */
  public synchronized int runDue() {
    final Date now = new Date();
    List<BillingAccountEntity> due =
        tx(
            em ->
                em.createQuery(
                        "select a from BillingAccountEntity a where (a.billing = true and "
                            + "a.nextChargeAt <= :now) or a.startReported = false "
                            + "order by a.nextChargeAt",
                        BillingAccountEntity.class)
                    .setParameter("now", now)
                    .setMaxResults(50)
                    .getResultList());
    int charged = 0;
    for (BillingAccountEntity a : due) {
      if (!a.isStartReported() && !reportStart(a)) continue;
      if (a.isBilling() && !a.getNextChargeAt().after(now)) {
        charge(a);
        charged++;
      }
    }
    return charged;
  }

  public synchronized String chargeNow(String subscriptionId) {
    BillingAccountEntity a = required(subscriptionId);
    if (!a.isBilling()) {
      SubscriptionView v = lifecycle.find(a.getSubscriptionId());
      if (v != null && v.status() == SubscriptionStatus.COMPLETED) {
        return "the payment plan is complete: no further charge";
      }
      return "billing is stopped (canceled or delinquent): restart it first";
    }
    return charge(a);
  }

  /** Makes the next charge fail (each call one more). */
  public synchronized String failNext(String subscriptionId) {
    BillingAccountEntity a = required(subscriptionId);
    a.setFailNext(a.getFailNext() + 1);
    save(a);
    return "the next " + a.getFailNext() + " charge(s) will fail";
  }

  /** The subscriber updates the card: the charges forced to fail work again. */
  public synchronized String updateCard(String subscriptionId) {
    BillingAccountEntity a = required(subscriptionId);
    FactResult r =
        lifecycle.cardUpdated(
            CardUpdated.builder().subscriptionId(a.getSubscriptionId()).updatedAt(now()).build());
    a.setFailNext(0);
    a.setLastResult("card updated: " + describe(r));
    save(a);
    return a.getLastResult();
  }

  public synchronized String cancel(String subscriptionId) {
    BillingAccountEntity a = required(subscriptionId);
    FactResult r =
        lifecycle.canceled(
            SubscriptionCanceled.builder()
                .subscriptionId(a.getSubscriptionId())
                .canceledBy(SubscriptionCanceled.CanceledBy.CUSTOMER)
                .canceledAt(now())
                .build());
    a.setBilling(!r.status().isEnded());
    a.setLastResult("canceled: " + describe(r));
    save(a);
    return a.getLastResult();
  }

  public synchronized String restart(String subscriptionId) {
    BillingAccountEntity a = required(subscriptionId);
    FactResult r =
        lifecycle.restarted(
            SubscriptionRestarted.builder()
                .subscriptionId(a.getSubscriptionId())
                .restartedAt(now())
                .build());
    if (!r.status().isEnded() && !a.isBilling()) {
      a.setBilling(true);
      a.setFailNext(0);
      a.setNextChargeAt(new Date(System.currentTimeMillis() + renewal() * 1000));
    }
    a.setLastResult("restarted: " + describe(r));
    save(a);
    return a.getLastResult();
  }

  /** Every account with the plugin's view of its subscription, newest first. */
  public List<BillingRow> rows() {
    List<BillingAccountEntity> all =
        tx(
            em ->
                em.createQuery(
                        "select a from BillingAccountEntity a order by a.createdAt desc",
                        BillingAccountEntity.class)
                    .setMaxResults(200)
                    .getResultList());
    List<BillingRow> rows = new ArrayList<BillingRow>();
    for (BillingAccountEntity a : all) {
      rows.add(new BillingRow(a, lifecycle.find(a.getSubscriptionId())));
    }
    return rows;
  }

  // ---- charging

  private String charge(BillingAccountEntity a) {
    int n = a.getChargeSeq() + 1;
    String chargeId = a.getSubscriptionId() + "-R" + n;
    boolean fail = a.getFailNext() > 0;
    FactResult r;
    try {
      r =
          fail
              ? lifecycle.chargeFailed(
                  ChargeFailed.builder()
                      .subscriptionId(a.getSubscriptionId())
                      .chargeId(chargeId)
                      .reason("card declined (demo)")
                      .failedAt(now())
                      .build())
              : lifecycle.chargeSucceeded(
                  ChargeSucceeded.builder()
                      .subscriptionId(a.getSubscriptionId())
                      .chargeId(chargeId)
                      .amount(a.getPrice())
                      .currency(a.getCurrency())
                      .chargedAt(now())
                      .build());
    } catch (RuntimeException e) {
      // Not recorded by the plugin: the same charge id is reported again at the next attempt.
      LOG.warn("Demo billing: reporting charge " + chargeId + " failed; retrying later", e);
      a.setNextChargeAt(new Date(System.currentTimeMillis() + retry() * 1000));
      save(a);
      return "could not report charge " + chargeId + ": " + e.getMessage();
    }
    a.setChargeSeq(n);
    if (fail) a.setFailNext(a.getFailNext() - 1);
    long wait = fail ? retry() : renewal();
    a.setNextChargeAt(new Date(System.currentTimeMillis() + wait * 1000));
    a.setBilling(!r.status().isEnded());
    a.setLastResult("R" + n + (fail ? " failed: " : " charged: ") + describe(r));
    save(a);
    LOG.debug("Demo billing: " + a.getLastResult());
    return a.getLastResult();
  }

  private boolean reportStart(BillingAccountEntity a) {
    try {
      lifecycle.started(
          SubscriptionStarted.builder()
              .subscriptionId(a.getSubscriptionId())
              .productId(a.getProductId())
              .sku(a.getSku())
              .productName(a.getProductName())
              .price(a.getPrice())
              .currency(a.getCurrency())
              .email(a.getEmail())
              .firstName(a.getFirstName())
              .originOrderNumber(a.getOrderNumber())
              .startedAt(a.getCreatedAt().toInstant())
              .test(true) // bought with the demo's test payment
              .plannedPayments(a.getPlannedPayments())
              .build());
      a.setStartReported(true);
      save(a);
      LOG.info("Demo billing: subscription " + a.getSubscriptionId() + " started");
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Demo billing: reporting the start of " + a.getSubscriptionId() + " failed", e);
      return false;
    }
  }

  private void runDueQuietly() {
    try {
      runDue();
    } catch (RuntimeException e) {
      LOG.warn("Demo billing: the renewal job failed; it runs again shortly", e);
    }
  }

  private static String describe(FactResult r) {
    StringBuilder b = new StringBuilder();
    if (r.outcome() != FactResult.Outcome.APPLIED)
      b.append(r.outcome().name().toLowerCase(java.util.Locale.ROOT));
    for (int i = 0; i < r.triggers().size(); i++) {
      if (b.length() > 0) b.append(i == 0 ? ", " : " + ");
      b.append(r.triggers().get(i).displayName());
    }
    if (b.length() == 0) b.append("no trigger");
    if (r.note() != null) b.append(" (").append(r.note()).append(')');
    String s = b.toString();
    return s.length() > 200 ? s.substring(0, 199) + "\u2026" : s;
  }

  private long renewal() {
    return Math.max(1, Long.getLong(RENEWAL_PROPERTY, renewalSeconds));
  }

  private long retry() {
    return Math.max(1, Long.getLong(RETRY_PROPERTY, retrySeconds));
  }

  private static Instant now() {
    return Instant.now();
  }

  // ---- storage

  private BillingAccountEntity required(String subscriptionId) {
    BillingAccountEntity a = subscriptionId == null ? null : load(subscriptionId.trim());
    if (a == null) throw new IllegalArgumentException("no demo subscription " + subscriptionId);
    return a;
  }

  private BillingAccountEntity load(final String id) {
    return tx(em -> em.find(BillingAccountEntity.class, id));
  }

  private void save(final BillingAccountEntity a) {
    tx(em -> em.merge(a));
  }

  private interface Work<T> {
    T run(EntityManager em);
  }

  private <T> T tx(Work<T> work) {
    EntityManager em = entityManagerFactory.createEntityManager();
    EntityTransaction t = em.getTransaction();
    try {
      t.begin();
      T result = work.run(em);
      t.commit();
      return result;
    } finally {
      if (t.isActive()) t.rollback();
      em.close();
    }
  }

  /** One line of the billing page. */
  public static final class BillingRow {
    private final BillingAccountEntity account;
    private final SubscriptionView view;

    BillingRow(BillingAccountEntity account, SubscriptionView view) {
      this.account = account;
      this.view = view;
    }

    public String getSubscriptionId() {
      return account.getSubscriptionId();
    }

    public String getOrderNumber() {
      return account.getOrderNumber();
    }

    public String getProductName() {
      return account.getProductName();
    }

    public String getEmail() {
      return account.getEmail();
    }

    public String getPrice() {
      return account.getPrice().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
          + " "
          + account.getCurrency();
    }

    /** The plugin's status, or "not reported yet". */
    public String getStatus() {
      return view == null ? "not reported yet" : view.status().name();
    }

    public boolean isEnded() {
      return view != null && view.status().isEnded();
    }

    public int getFailuresInARow() {
      return view == null ? 0 : view.failuresInARow();
    }

    public boolean isBilling() {
      return account.isBilling();
    }

    public Date getNextChargeAt() {
      return account.getNextChargeAt();
    }

    public int getFailNext() {
      return account.getFailNext();
    }

    public String getLastResult() {
      return account.getLastResult();
    }

    /** A payment plan's progress, "payment 2 of 3" (the order was payment 1); null otherwise. */
    public String getPlanProgress() {
      Integer planned = account.getPlannedPayments();
      if (planned == null) return null;
      int made = view == null ? 1 : Math.min(view.paymentsMade(), planned);
      return "payment " + made + " of " + planned;
    }

    public boolean isPastDue() {
      return view != null && view.status() == SubscriptionStatus.PAST_DUE;
    }
  }
}

package com.ckengine.engine;

import com.ckengine.api.ActionType;
import com.ckengine.api.past.PastOrderCounts;
import com.ckengine.api.past.PastOrderSource;
import com.ckengine.engine.store.Jpa;
import com.ckengine.engine.store.PastOrderRunEntity;
import com.ckengine.kit.CredentialKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

/**
 * "Past Orders": the operator previews and starts runs that bring orders placed before (before the
 * plugin, before a rule) into Kit through the chosen Product Purchased rules of one integration,
 * and pauses, resumes or cancels them. A run is a row ({@code CK_PAST_ORDER_RUN}); {@link
 * PastOrderFeeder} feeds its orders to the outbox a window's worth at a time, on one node, and
 * delivery sends them like any other action, at the account's limit.
 *
 * <p>Never twice: an order's past-orders actions carry the idempotency key of its past event
 * ({@code past:<live key>|integration|kind}); an action its live event planned ({@code <live
 * key>|integration|kind}) or an earlier run planned is not planned again.
 */
public final class PastOrders {
  private final Jpa jpa;
  private final PastOrderSource source;
  private final IntegrationService integrations;
  private final RuleService rules;
  private final Clock clock;
  private final ToIntFunction<CredentialKind> callsPerWindow;
  private final Duration window;
  private final Runnable onNewRun;

  PastOrders(
      Jpa jpa,
      PastOrderSource source,
      IntegrationService integrations,
      RuleService rules,
      Clock clock,
      ToIntFunction<CredentialKind> callsPerWindow,
      Duration window,
      Runnable onNewRun) {
    this.jpa = jpa;
    this.source = source;
    this.integrations = integrations;
    this.rules = rules;
    this.clock = clock;
    this.callsPerWindow = callsPerWindow;
    this.window = window;
    this.onNewRun = onNewRun;
  }

  /** Whether the host offers its past orders (a {@link PastOrderSource} was configured). */
  public boolean isAvailable() {
    return source != null;
  }

  /**
   * Counts what applying {@code request} would do; sends nothing, stores nothing.
   *
   * @throws InvalidPastOrderRequest with every problem of the request
   */
  public PastOrderPreview preview(PastOrderRequest request) {
    requireSource();
    long started = System.nanoTime();
    PastOrderSelection s = resolve(request);
    PastOrderCounts counts = source.count(s.query);
    Map<ActionType, Long> byKind = new LinkedHashMap<ActionType, Long>();
    List<ActionType> kinds = PastOrderSelection.kindsOf(s.rules);
    for (ActionType kind : kinds) {
      Set<Long> products = PastOrderSelection.productsOf(PastOrderSelection.ofKind(s.rules, kind));
      byKind.put(
          kind,
          products.equals(s.query.productIds())
              ? counts.orders()
              : source.count(s.query.withProducts(products)).orders());
    }
    Map<ActionType, Long> planned =
        jpa.tx(
            em ->
                ActionStore.plannedPurchaseActionsInRange(
                    em,
                    s.integration.id(),
                    kinds,
                    s.query.from().toEpochMilli(),
                    s.query.to().toEpochMilli()));
    return new PastOrderPreview(
        counts.orders(),
        counts.customers(),
        counts.refundedLeftOut(),
        counts.testLeftOut(),
        byKind,
        planned,
        s.rules,
        callsPerWindow.applyAsInt(s.integration.credentialKind()),
        window,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Starts a run of {@code request}: counts its orders and stores the run, which a delivering node
   * then feeds.
   *
   * @throws InvalidPastOrderRequest with every problem of the request, or ({@code run}) when the
   *     integration has a run that is running or paused
   */
  public PastOrderProgress start(PastOrderRequest request) {
    requireSource();
    PastOrderSelection s = resolve(request);
    refuseWhileActive(s.integration.id());
    PastOrderPreview preview = preview(request);
    PastOrderRunEntity r = new PastOrderRunEntity();
    r.setIntegrationId(s.integration.id());
    r.setActiveIntegrationId(s.integration.id());
    r.setFromAt(s.query.from().toEpochMilli());
    r.setToAt(s.query.to().toEpochMilli());
    r.setChoice(request.choice());
    r.setChoiceId(request.choice() == RuleChoice.ALL_PURCHASED ? null : request.choiceId());
    r.setRuleIds(PastOrderSelection.joinIds(s.rules));
    r.setProductIds(s.query.productIds().isEmpty() ? null : join(s.query.productIds()));
    r.setExcludeRefunded(request.excludeRefunded());
    r.setExcludeTest(request.excludeTest());
    r.setStatus(PastOrderRunStatus.RUNNING);
    r.setTotalOrders(preview.orders());
    r.setExpectedActions(preview.actions());
    r.setCallsPerWindow(callsPerWindow.applyAsInt(s.integration.credentialKind()));
    r.setWindowMillis(window.toMillis());
    r.setCreatedAt(clock.millis());
    try {
      jpa.tx(
          em -> {
            em.persist(r);
            return null;
          });
    } catch (PersistenceException e) {
      // Two starts at once: the unique ACTIVE_INTEGRATION_ID let one win.
      refuseWhileActive(s.integration.id());
      throw e;
    }
    onNewRun.run();
    return progress(r.getId());
  }

  /** Stops feeding the run; the actions already in the outbox (a window at most) still go. */
  public PastOrderProgress pause(long runId) {
    change(runId, em -> PastOrderRuns.pause(em, runId), "paused", "running");
    return progress(runId);
  }

  public PastOrderProgress resume(long runId) {
    change(runId, em -> PastOrderRuns.resume(em, runId), "resumed", "paused");
    onNewRun.run();
    return progress(runId);
  }

  /** Ends the run and cancels its actions not sent yet; what was sent stays in Logs. */
  public PastOrderProgress cancel(long runId) {
    long now = clock.millis();
    change(
        runId,
        em -> {
          if (!PastOrderRuns.cancel(em, runId, now, "cancelled by the operator")) return false;
          ActionStore.cancelRun(em, runId, "cancelled with its past-orders run", now);
          return true;
        },
        "cancelled",
        "running or paused");
    return progress(runId);
  }

  /**
   * @throws InvalidPastOrderRequest ({@code run}) when there is no such run
   */
  public PastOrderProgress progress(long runId) {
    return jpa.tx(
        em -> {
          PastOrderRunEntity r = em.find(PastOrderRunEntity.class, runId);
          if (r == null) throw InvalidPastOrderRequest.of("run", "There is no run " + runId + ".");
          return progressOf(em, r);
        });
  }

  /** The integration's run that is running or paused, or null. */
  public PastOrderProgress active(long integrationId) {
    return jpa.tx(
        em -> {
          PastOrderRunEntity r = PastOrderRuns.active(em, integrationId);
          return r == null ? null : progressOf(em, r);
        });
  }

  /** The integration's latest runs, newest first. */
  public List<PastOrderProgress> runs(long integrationId, int max) {
    return jpa.tx(
        em -> {
          List<PastOrderProgress> out = new ArrayList<PastOrderProgress>();
          for (PastOrderRunEntity r : PastOrderRuns.ofIntegration(em, integrationId, max)) {
            out.add(progressOf(em, r));
          }
          return out;
        });
  }

  static PastOrderProgress progressOf(EntityManager em, PastOrderRunEntity r) {
    long id = r.getId();
    return new PastOrderProgress(
        r,
        ActionStore.ordersInFlightOfRun(em, id),
        ActionStore.openActionsOfRun(em, id),
        ActionStore.runActionsByStatus(em, id));
  }

  private PastOrderSelection resolve(PastOrderRequest request) {
    if (request == null) throw new NullPointerException("request");
    return PastOrderSelection.resolve(
        request, integrations, rules, Instant.ofEpochMilli(clock.millis()));
  }

  private void refuseWhileActive(long integrationId) {
    PastOrderProgress active = active(integrationId);
    if (active != null) {
      throw InvalidPastOrderRequest.of(
          "run",
          "This integration already has a past-orders run "
              + active.status().name().toLowerCase(java.util.Locale.ROOT)
              + " (run "
              + active.runId()
              + ", "
              + active.done()
              + " of "
              + active.total()
              + " orders done): let it finish, or cancel it, before starting another.");
    }
  }

  private void change(
      long runId,
      java.util.function.Function<EntityManager, Boolean> update,
      String verb,
      String needs) {
    jpa.tx(
        em -> {
          PastOrderRunEntity r = em.find(PastOrderRunEntity.class, runId);
          if (r == null) throw InvalidPastOrderRequest.of("run", "There is no run " + runId + ".");
          if (!update.apply(em)) {
            throw InvalidPastOrderRequest.of(
                "run",
                "Run "
                    + runId
                    + " is "
                    + r.getStatus().name().toLowerCase(java.util.Locale.ROOT)
                    + ": only a "
                    + needs
                    + " run can be "
                    + verb
                    + ".");
          }
          return null;
        });
  }

  private void requireSource() {
    if (source == null) {
      throw new IllegalStateException(
          "this store does not offer its past orders to the engine (no PastOrderSource)");
    }
  }

  private static String join(Set<Long> ids) {
    StringBuilder b = new StringBuilder();
    for (Long id : ids) b.append(b.length() == 0 ? "" : ",").append(id);
    return b.toString();
  }
}

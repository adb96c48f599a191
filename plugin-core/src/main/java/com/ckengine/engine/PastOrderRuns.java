package com.ckengine.engine;

import com.ckengine.engine.store.PastOrderRunEntity;
import java.util.List;
import javax.persistence.EntityManager;

/**
 * The only writer of {@code CK_PAST_ORDER_RUN}: every change of a run's status, owner and counts is
 * one named, conditional query here, run in the caller's transaction. The actions a run plans are
 * written by {@link ActionStore}, in the same transaction as the run's cursor, so a restart resumes
 * after the last order whose actions were stored, never before or after it.
 */
final class PastOrderRuns {
  private PastOrderRuns() {}

  static final String ACTIVE_RUN_OF_INTEGRATION =
      "select r from PastOrderRunEntity r where r.activeIntegrationId = :integration";

  static final String RUNNING_IDS =
      "select r.id from PastOrderRunEntity r where r.status = :running order by r.id";

  static final String RUNS_OF_INTEGRATION =
      "select r from PastOrderRunEntity r where r.integrationId = :integration "
          + "order by r.createdAt desc, r.id desc";

  /**
   * Takes or keeps the feeding of a running run, like a delivery lease: free, ours, or its owner's
   * heartbeat ran out (a node that died, or was restarted as a new incarnation).
   */
  static final String OWN =
      "update PastOrderRunEntity r set r.owner = :me, r.heartbeatUntil = :until "
          + "where r.id = :id and r.status = :running "
          + "and (r.owner is null or r.owner = :me or r.heartbeatUntil < :now)";

  /** Records one page fed, only while this node still owns the running run. */
  static final String ADVANCE =
      "update PastOrderRunEntity r set r.cursorPosition = :position, "
          + "r.fedOrders = r.fedOrders + :fed, r.sentOrders = r.sentOrders + :sent, "
          + "r.liveSkipped = r.liveSkipped + :live, r.earlierSkipped = r.earlierSkipped + :earlier, "
          + "r.unusableOrders = r.unusableOrders + :unusable, "
          + "r.plannedActions = r.plannedActions + :planned, r.feedComplete = :complete, "
          + "r.totalOrders = :total, r.message = null "
          + "where r.id = :id and r.owner = :me and r.status = :running";

  static final String NOTE =
      "update PastOrderRunEntity r set r.message = :message where r.id = :id";

  static final String FINISH_DONE =
      "update PastOrderRunEntity r set r.status = :done, r.activeIntegrationId = null, "
          + "r.owner = null, r.heartbeatUntil = null, r.finishedAt = :now "
          + "where r.id = :id and r.status = :running and r.feedComplete = true";

  static final String PAUSE =
      "update PastOrderRunEntity r set r.status = :paused, r.owner = null, "
          + "r.heartbeatUntil = null where r.id = :id and r.status = :running";

  static final String RESUME =
      "update PastOrderRunEntity r set r.status = :running where r.id = :id and r.status = :paused";

  static final String CANCEL =
      "update PastOrderRunEntity r set r.status = :cancelled, r.activeIntegrationId = null, "
          + "r.owner = null, r.heartbeatUntil = null, r.finishedAt = :now, r.message = :message "
          + "where r.id = :id and r.status in (:active)";

  /** A node that stops hands its runs back, so the next start need not wait for a heartbeat. */
  static final String RELEASE =
      "update PastOrderRunEntity r set r.owner = null, r.heartbeatUntil = null "
          + "where r.owner = :me";

  static PastOrderRunEntity active(EntityManager em, long integrationId) {
    List<PastOrderRunEntity> l =
        em.createQuery(ACTIVE_RUN_OF_INTEGRATION, PastOrderRunEntity.class)
            .setParameter("integration", integrationId)
            .getResultList();
    return l.isEmpty() ? null : l.get(0);
  }

  static List<Long> runningIds(EntityManager em) {
    return em.createQuery(RUNNING_IDS, Long.class)
        .setParameter("running", PastOrderRunStatus.RUNNING)
        .getResultList();
  }

  static List<PastOrderRunEntity> ofIntegration(EntityManager em, long integrationId, int max) {
    return em.createQuery(RUNS_OF_INTEGRATION, PastOrderRunEntity.class)
        .setParameter("integration", integrationId)
        .setMaxResults(max)
        .getResultList();
  }

  static boolean own(EntityManager em, long id, String me, long now, long until) {
    return em.createQuery(OWN)
            .setParameter("me", me)
            .setParameter("until", until)
            .setParameter("id", id)
            .setParameter("running", PastOrderRunStatus.RUNNING)
            .setParameter("now", now)
            .executeUpdate()
        == 1;
  }

  /** One page's tally. */
  static final class Page {
    String position;
    int fed;
    int sent;
    int live;
    int earlier;
    int unusable;
    int planned;
    boolean complete;

    /** The run's total after this page: once every order is read, the orders read. */
    long total;
  }

  static boolean advance(EntityManager em, long id, String me, Page p) {
    return em.createQuery(ADVANCE)
            .setParameter("position", p.position)
            .setParameter("fed", (long) p.fed)
            .setParameter("sent", (long) p.sent)
            .setParameter("live", (long) p.live)
            .setParameter("earlier", (long) p.earlier)
            .setParameter("unusable", (long) p.unusable)
            .setParameter("planned", (long) p.planned)
            .setParameter("complete", p.complete)
            .setParameter("total", p.total)
            .setParameter("id", id)
            .setParameter("me", me)
            .setParameter("running", PastOrderRunStatus.RUNNING)
            .executeUpdate()
        == 1;
  }

  static void note(EntityManager em, long id, String message) {
    em.createQuery(NOTE).setParameter("message", message).setParameter("id", id).executeUpdate();
  }

  static boolean finishDone(EntityManager em, long id, long now) {
    return em.createQuery(FINISH_DONE)
            .setParameter("done", PastOrderRunStatus.DONE)
            .setParameter("now", now)
            .setParameter("id", id)
            .setParameter("running", PastOrderRunStatus.RUNNING)
            .executeUpdate()
        == 1;
  }

  static boolean pause(EntityManager em, long id) {
    return em.createQuery(PAUSE)
            .setParameter("paused", PastOrderRunStatus.PAUSED)
            .setParameter("id", id)
            .setParameter("running", PastOrderRunStatus.RUNNING)
            .executeUpdate()
        == 1;
  }

  static boolean resume(EntityManager em, long id) {
    return em.createQuery(RESUME)
            .setParameter("running", PastOrderRunStatus.RUNNING)
            .setParameter("id", id)
            .setParameter("paused", PastOrderRunStatus.PAUSED)
            .executeUpdate()
        == 1;
  }

  static boolean cancel(EntityManager em, long id, long now, String message) {
    return em.createQuery(CANCEL)
            .setParameter("cancelled", PastOrderRunStatus.CANCELLED)
            .setParameter("now", now)
            .setParameter("message", message)
            .setParameter("id", id)
            .setParameter(
                "active",
                java.util.Arrays.asList(PastOrderRunStatus.RUNNING, PastOrderRunStatus.PAUSED))
            .executeUpdate()
        == 1;
  }

  static int release(EntityManager em, String me) {
    return em.createQuery(RELEASE).setParameter("me", me).executeUpdate();
  }
}

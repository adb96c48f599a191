package com.ckengine.engine;

import com.ckengine.engine.store.Jpa;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.persistence.EntityManagerFactory;

/**
 * What the integration log held each time a test looked, remembered after retention deleted it: the
 * rows of every event key and of every action's idempotency key ever seen (two rows for one key
 * means it was stored or planned twice, possibly with the first row purged in between), and each
 * action's last seen status and attempts (retention deletes only finished actions, so the last look
 * before a purge saw their final state).
 */
final class LogLedger {
  static final String EVENTS = "select e.ID, e.EVENT_KEY, e.RECEIVED_AT from CK_EVENT e";

  static final String ACTIONS =
      "select a.ID, a.IDEMPOTENCY_KEY, e.EVENT_KEY, a.ACTION_TYPE, a.STATUS, a.ATTEMPTS"
          + " from CK_ACTION a join CK_EVENT e on e.ID = a.EVENT_ID";

  /** One action as last seen. */
  static final class ActionRow {
    final long id;
    final String eventKey;
    final String action;
    final String status;
    final int attempts;

    ActionRow(long id, String eventKey, String action, String status, int attempts) {
      this.id = id;
      this.eventKey = eventKey;
      this.action = action;
      this.status = status;
      this.attempts = attempts;
    }

    @Override
    public String toString() {
      return "action " + id + " " + action + " of " + eventKey + ": " + status + ", " + attempts;
    }
  }

  private final Map<String, Set<Long>> eventRows = new HashMap<String, Set<Long>>();
  private final Map<String, Long> receivedAt = new HashMap<String, Long>();
  private final Map<String, Set<Long>> actionRows = new HashMap<String, Set<Long>>();
  private final Map<Long, ActionRow> lastSeen = new HashMap<Long, ActionRow>();

  /** Reads every event and action row the log holds now. */
  void look(EntityManagerFactory emf) {
    new Jpa(emf)
        .tx(
            em -> {
              for (Object o : em.createNativeQuery(EVENTS).getResultList()) {
                Object[] r = (Object[]) o;
                String key = (String) r[1];
                eventRows.computeIfAbsent(key, k -> new LinkedHashSet<Long>()).add(number(r[0]));
                receivedAt.putIfAbsent(key, number(r[2]));
              }
              for (Object o : em.createNativeQuery(ACTIONS).getResultList()) {
                Object[] r = (Object[]) o;
                long id = number(r[0]);
                actionRows.computeIfAbsent((String) r[1], k -> new LinkedHashSet<Long>()).add(id);
                String action = r[3] == null ? "no rule" : (String) r[3];
                lastSeen.put(
                    id,
                    new ActionRow(id, (String) r[2], action, (String) r[4], (int) number(r[5])));
              }
              return null;
            });
  }

  /** Event keys stored more than once over the run, with their rows. */
  Map<String, Set<Long>> eventKeysStoredTwice() {
    return twice(eventRows);
  }

  /** Idempotency keys planned more than once over the run, with their rows. */
  Map<String, Set<Long>> actionsPlannedTwice() {
    return twice(actionRows);
  }

  /** Every event key seen, and when the engine received it (epoch ms). */
  Map<String, Long> eventsSeen() {
    return new TreeMap<String, Long>(receivedAt);
  }

  /** How many actions ended in each status, per action ("DELIVERED ADD_TAG" -> n). */
  Map<String, Integer> actionsByOutcome() {
    Map<String, Integer> out = new TreeMap<String, Integer>();
    for (ActionRow a : lastSeen.values()) out.merge(a.status + " " + a.action, 1, Integer::sum);
    return out;
  }

  /** Event key and action type seen on more than one action row (a second plan of one event). */
  List<String> eventActionsPlannedTwice() {
    Map<String, Integer> n = new HashMap<String, Integer>();
    for (ActionRow a : lastSeen.values()) n.merge(a.eventKey + " " + a.action, 1, Integer::sum);
    List<String> out = new ArrayList<String>();
    for (Map.Entry<String, Integer> e : n.entrySet()) if (e.getValue() > 1) out.add(e.getKey());
    return out;
  }

  /**
   * Delivered actions attempted other than once, and cancelled or skipped ones attempted at all.
   */
  List<ActionRow> attemptedOtherThanOnce() {
    List<ActionRow> out = new ArrayList<ActionRow>();
    for (ActionRow a : lastSeen.values()) {
      int expected = a.status.equals(ActionStatus.DELIVERED.name()) ? 1 : 0;
      if (a.attempts != expected) out.add(a);
    }
    return out;
  }

  int actionCount() {
    return lastSeen.size();
  }

  private static Map<String, Set<Long>> twice(Map<String, Set<Long>> rows) {
    Map<String, Set<Long>> out = new TreeMap<String, Set<Long>>();
    for (Map.Entry<String, Set<Long>> e : rows.entrySet()) {
      if (e.getValue().size() > 1) out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  private static long number(Object o) {
    return ((Number) o).longValue();
  }
}

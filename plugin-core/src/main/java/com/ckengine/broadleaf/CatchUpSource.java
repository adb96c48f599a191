package com.ckengine.broadleaf;

import com.ckengine.api.Trigger;
import com.ckengine.engine.UnstoredEvent;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * What a {@link CatchUpSweep} catches up, and only what differs between orders and refunds: which
 * rows are candidates, whether one's event is already stored, how to publish it, and how to publish
 * again an event the database refused. The sweep owns the rest (schedule, window, watermark,
 * paging, bounds, what a failure stops). Implementations: {@code order.OrderCatchUp}, {@code
 * refund.RefundCatchUp}.
 *
 * <p>Every method may throw: the sweep stops its run on the database's trouble ({@link
 * DatabaseTrouble}) and passes anything else as one candidate's problem.
 */
public interface CatchUpSource {
  /** For the logs, in the singular: "order", "refund". */
  String name();

  /** The triggers of the events it publishes: the sweep retries the unstored events of these. */
  Collection<Trigger> triggers();

  /**
   * At most {@code limit} candidates with time in [{@code from}, {@code upTo}] after ({@code from},
   * {@code fromId}), in (time, id) order: one page of a keyset walk.
   */
  List<CatchUpCandidate> candidates(Date from, long fromId, Date upTo, int limit);

  /** True when the candidate's events are known to be stored (a cheap check; false if unsure). */
  boolean isStored(CatchUpCandidate candidate);

  /**
   * Reads the candidate anew and publishes its events (publishing is idempotent: the event key).
   *
   * @return true when an event was stored now, false when there was nothing new to store
   * @throws com.ckengine.api.EventNotStoredException when the database refused an event
   */
  boolean publish(CatchUpCandidate candidate);

  /**
   * Reads the order or refund of an event the database refused anew and publishes its events.
   *
   * @throws com.ckengine.api.EventNotStoredException when the database refused it again
   */
  Republished republish(UnstoredEvent event);

  /**
   * Candidates whose live publish failed and which the walk might not see (handed over by the
   * host's own publish path): the sweep takes them up at its next run. Each is returned once.
   */
  default List<CatchUpCandidate> handedOver() {
    return Collections.emptyList();
  }

  /** Creates the index {@link #candidates} needs on the host's table when it is missing. */
  void ensureIndex();

  /** What {@link #republish} did: published, or why there was nothing to publish. */
  final class Republished {
    public static final Republished PUBLISHED = new Republished(null);

    private final String nothingBecause;

    private Republished(String nothingBecause) {
      this.nothingBecause = nothingBecause;
    }

    /** Nothing was published, because (in the operator's words) "order 1001 no longer exists". */
    public static Republished nothing(String because) {
      return new Republished(because);
    }

    public boolean published() {
      return nothingBecause == null;
    }

    /** Why nothing was published; null when it was. */
    public String nothingBecause() {
      return nothingBecause;
    }
  }
}

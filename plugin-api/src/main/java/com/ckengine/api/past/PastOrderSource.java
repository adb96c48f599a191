package com.ckengine.api.past;

import java.util.List;

/**
 * The host's submitted orders, as the engine's past-orders runs read them. Implemented by the host
 * (the Broadleaf one reads {@code BLC_ORDER}); called on the engine's threads, never while the
 * engine holds a transaction, so an implementation opens its own read.
 *
 * <p>Both methods see the same selection for the same {@link PastOrderQuery}: submitted orders in
 * the range, with a line of one of the query's products when it names any, without refunded or test
 * orders when it says so. Counting must not load each order (a preview of 10,000 orders is a few
 * aggregate queries).
 */
public interface PastOrderSource {

  /** How many orders and customers the query selects, and how many its exclusions left out. */
  PastOrderCounts count(PastOrderQuery query);

  /**
   * The next orders of the selection after {@code afterPosition} (null: from the start), in one
   * stable order (oldest first), at most {@code max}. Fewer than {@code max} means the end.
   */
  List<PastOrder> page(PastOrderQuery query, String afterPosition, int max);
}

package com.ckengine.engine.bench;

import com.ckengine.kit.KitCredential;

/**
 * The arithmetic the backlog benches measure against: the fastest any client may drain a number of
 * calls under a rolling limit, and what one order costs in calls with each kind of credential.
 */
final class FastestSchedule {
  private FastestSchedule() {}

  /**
   * Seconds the fastest schedule takes to send {@code calls} at most {@code perWindow} in any
   * {@code windowSeconds}: a full window at once, then {@code perWindow} more each window, so the
   * last burst starts (ceil(calls / perWindow) - 1) windows after the first. A burst counts as
   * instantaneous.
   */
  static double seconds(long calls, int perWindow, long windowSeconds) {
    if (perWindow < 1) throw new IllegalArgumentException("perWindow must be positive");
    if (calls <= 0) return 0;
    return (Math.ceil(calls / (double) perWindow) - 1) * windowSeconds;
  }

  /**
   * Calls to Kit a backlog of {@code orders} orders costs with {@code credential}, each order with
   * Add Tag ({@code tags} tags) and, when asked and the credential can record purchases, Add
   * Purchase: {@link #callsPerOrder} each, except with a credential that takes Kit's bulk calls
   * (OAuth), where the Add Tag actions of up to {@code BULK_SYNC_LIMIT} subscribers go together.
   */
  static long callsForBacklog(KitCredential credential, int orders, int tags, boolean purchase) {
    if (!credential.kind().usesBulk())
      return (long) orders * callsPerOrder(credential, tags, purchase);
    // OAuth: a backlog's Add Tag actions go in Kit's bulk calls, one upsert per BULK_SYNC_LIMIT
    // subscribers and one tagging call per BULK_SYNC_LIMIT taggings; purchases one by one.
    int batch = com.ckengine.kit.KitClient.BULK_SYNC_LIMIT;
    long upserts = (orders + batch - 1) / batch;
    long taggings = ((long) orders * tags + batch - 1) / batch;
    return upserts + taggings + (purchase && credential.kind().canRecordPurchases() ? orders : 0);
  }

  /**
   * Calls to Kit one order of Add Tag ({@code tags} tags) and, when the credential can record
   * purchases and {@code purchase} is asked, Add Purchase costs with {@code credential} when it is
   * delivered on its own (no bulk; see {@link #callsForBacklog} for a backlog). v3 sends all tags
   * in one call; v4 first upserts the subscriber, then tags {@link
   * com.ckengine.kit.CredentialKind#tagsPerCall()} at a time (one).
   */
  static int callsPerOrder(KitCredential credential, int tags, boolean purchase) {
    int perCall = credential.kind().tagsPerCall();
    int tagCalls = perCall == Integer.MAX_VALUE ? 1 : 1 + (int) Math.ceil(tags / (double) perCall);
    return tagCalls + (purchase && credential.kind().canRecordPurchases() ? 1 : 0);
  }
}

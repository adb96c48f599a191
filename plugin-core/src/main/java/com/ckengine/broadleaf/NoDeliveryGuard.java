package com.ckengine.broadleaf;

import com.ckengine.api.DeliveryGuard;
import com.ckengine.api.Trigger;
import java.time.Instant;

/**
 * The guard of nodes that do not check delayed actions (an admin-only node delivers nothing): it
 * never objects. A bean so that the storefront's patch file can replace it by id.
 */
public class NoDeliveryGuard implements DeliveryGuard {
  @Override
  public String vetoReason(Trigger trigger, String reference, String email, Instant occurredAt) {
    return null;
  }
}

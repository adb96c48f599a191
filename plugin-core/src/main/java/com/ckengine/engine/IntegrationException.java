package com.ckengine.engine;

import com.ckengine.kit.KitOutcome;

/**
 * An integration could not be connected, changed or found. The message is meant for the operator
 * (it carries Kit's reason when Kit refused) and never holds the secret.
 */
public final class IntegrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final KitOutcome kitOutcome;

  IntegrationException(String message) {
    this(message, null);
  }

  IntegrationException(String message, KitOutcome kitOutcome) {
    super(message);
    this.kitOutcome = kitOutcome;
  }

  /** What Kit answered when the failure came from Kit, else null. */
  public KitOutcome kitOutcome() {
    return kitOutcome;
  }
}

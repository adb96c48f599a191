package com.ckengine.engine;

import com.ckengine.kit.KitCredential;

/**
 * Performs one kind of action in Kit for a claimed action. Makes every Kit call through {@code
 * calls}, and reports what came of it; never writes the action row (the {@link ActionStore} does).
 */
interface ActionHandler {
  Attempt handle(Claim claim, KitCredential secret, KitCalls calls);
}

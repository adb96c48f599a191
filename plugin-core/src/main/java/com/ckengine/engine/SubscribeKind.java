package com.ckengine.engine;

import com.ckengine.api.RuleTarget;
import com.ckengine.kit.KitCredential;
import com.ckengine.kit.Subscribable;

/**
 * What Add Subscriber To Form and Add Subscriber To Sequence share: one action per form or sequence
 * (rules naming the same one are one action), one Kit call subscribing the customer with first name
 * and the integration's mapped custom fields (v4: on the upsert before it), and the log naming the
 * form or sequence. Subscribing twice is harmless in Kit, so an unknown answer is simply retried; a
 * form or sequence Kit no longer has fails with Kit's answer ({@code NOT_FOUND}), not retried.
 */
abstract class SubscribeKind extends ActionKind {
  /** Form or sequence. */
  abstract Subscribable subscribable();

  @Override
  Attempt deliver(Claim c, KitCredential credential, KitCalls calls, DeliveryParts parts) {
    RuleTarget target = c.action.getTarget();
    if (target == null) return Attempt.fail("the action names no " + subscribable().word());
    FieldMappings.Values values =
        parts.fields.valuesFor(c.integration.getId(), c.event.getFactsJson());
    return Attempt.of(
        calls.call(
            credential,
            s ->
                calls
                    .kit()
                    .subscribe(
                        s,
                        subscribable(),
                        target.kitId(),
                        c.event.getEmail(),
                        c.event.getFirstName(),
                        values.fields)),
        values.describe("added to " + subscribable().word() + " " + target.name()));
  }

  @Override
  public String sent(LogEntry e) {
    return "Subscribe "
        + e.email()
        + " (with first name) to the "
        + subscribable().word()
        + " "
        + (e.target() == null ? "(none)" : e.target());
  }
}

package com.ckengine.api.subscription;

/**
 * Where a billing module reports what happened to a subscription; the plugin keeps each
 * subscription's state and derives the eight subscription triggers from the facts:
 *
 * <ul>
 *   <li><b>Subscription Charged</b> on each successful renewal charge (its charge id is the
 *       transaction id of the purchase Add Purchase records in Kit);
 *   <li><b>Subscription Charge Failed</b> on the first failed charge of a run of failures (the next
 *       failures of the same run fire nothing until the threshold);
 *   <li><b>Subscription Delinquent</b> when the failures in a row reach the threshold (4 unless
 *       configured), which ends the subscription and so also fires <b>Subscription Canceled</b>;
 *   <li><b>Subscription Canceled</b> when it is canceled by the customer or the merchant;
 *   <li><b>Subscription Recovered</b> (with Charged) when a charge succeeds after failed ones and
 *       the card was updated after the run of failures began;
 *   <li><b>Subscription Restarted</b> when it is restarted by hand from canceled or delinquent;
 *   <li><b>Subscription Started</b> (with Charged) at the first successful recurring charge, once
 *       per subscription (the order that bought it fires Product Purchased, not this);
 *   <li><b>Subscription Completed</b> (with Charged) when a charge makes a payment plan's last
 *       payment ({@link SubscriptionStarted#plannedPayments()}, the order counting as the first):
 *       the status becomes COMPLETED and later charges, cancels and restarts are ignored.
 * </ul>
 *
 * <p>Facts may arrive twice or late, and are taken as follows:
 *
 * <ul>
 *   <li>the same charge id reported again, or a start for a subscription id already known: {@link
 *       FactResult.Outcome#DUPLICATE}, nothing fires; a charge first reported failed and later
 *       succeeded under the same id counts as succeeded (the billing module retried it);
 *   <li>a failure reported for a canceled or delinquent subscription, a failure older than the
 *       newest success or restart, a failure for a charge id that already succeeded, a cancel of an
 *       ended subscription, a cancel older than the last restart, a restart of a running
 *       subscription or older than its end: {@link FactResult.Outcome#IGNORED}, recorded with the
 *       reason, nothing fires;
 *   <li>a success for an ended subscription, or one older than the newest failure: money was taken,
 *       so Subscription Charged fires, but the status does not change;
 *   <li>a fact for a subscription never started: {@link UnknownSubscriptionException}, nothing is
 *       recorded; report the start, then the fact again.
 * </ul>
 *
 * <p>Each fact is recorded and its triggers published in one transaction: when a call throws,
 * nothing of that fact was kept and the billing module reports it again; a fact reported again
 * after it was kept is a duplicate (or derives the same events, which the engine publishes only
 * once), so reporting until a call returns never fires anything twice. Calls only write to the
 * database (Kit is called later, in the background), so a billing job can make them inline.
 */
public interface SubscriptionLifecycle {

  /** A subscription began. Fires nothing (the order that bought it fires Product Purchased). */
  FactResult started(SubscriptionStarted fact);

  /**
   * A renewal charge succeeded: Subscription Charged; Subscription Started too when it is the
   * subscription's first successful charge; Recovered after a card update; Subscription Completed
   * when it makes a payment plan's last payment (then COMPLETED: later charges are IGNORED).
   */
  FactResult chargeSucceeded(ChargeSucceeded fact);

  /** A renewal charge failed: Charge Failed on the first, Delinquent + Canceled at the limit. */
  FactResult chargeFailed(ChargeFailed fact);

  /** The card was replaced. Fires nothing; it makes the next successful charge a recovery. */
  FactResult cardUpdated(CardUpdated fact);

  /** Canceled by the customer or merchant: Subscription Canceled, unless it already ended. */
  FactResult canceled(SubscriptionCanceled fact);

  /** Restarted by hand: Subscription Restarted when it was canceled or delinquent. */
  FactResult restarted(SubscriptionRestarted fact);

  /** The subscription's current state, or null when it was never started. */
  SubscriptionView find(String subscriptionId);
}

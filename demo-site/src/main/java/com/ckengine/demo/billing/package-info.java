/**
 * The demo's recurring billing: a stand-in for the billing module a real store would have, so the
 * six subscription triggers can be seen firing. Buying the subscription product opens a billing
 * account ({@code CKDEMO_BILLING}) and reports the start to the plugin's {@link
 * com.ckengine.api.subscription.SubscriptionLifecycle}; a background job charges each account when
 * its renewal is due (a test charge: nothing is taken) and reports success or failure; the page at
 * {@code /demo/billing} makes the next charges fail, updates the card, cancels, restarts and
 * charges now.
 *
 * <p>Everything here only calls the plugin's public subscription API, exactly as a real billing
 * module would (see docs/install.md, "Subscriptions").
 */
package com.ckengine.demo.billing;

/**
 * What a billing module reports about a subscription, and the one interface it reports it to.
 *
 * <p>Broadleaf Community has no subscriptions, so whatever bills them (a gateway module, a
 * scheduler, the demo's billing) reports raw facts: a subscription started, a renewal charge
 * succeeded or failed, the card was updated, it was canceled, it was restarted by hand. The plugin
 * keeps each subscription's state and derives the eight subscription triggers from these facts (see
 * {@link com.ckengine.api.subscription.SubscriptionLifecycle}); a billing module never publishes
 * subscription events itself.
 *
 * <p>Each fact is a small immutable value built with a builder that reports every invalid field at
 * once ({@link com.ckengine.api.InvalidEventException}). Like the rest of {@code plugin-api} this
 * package has no dependencies and is compiled for Java 8.
 */
package com.ckengine.api.subscription;

/**
 * The subscription lifecycle the plugin supplies (Broadleaf Community has none): a billing module
 * reports raw facts through {@link com.ckengine.api.subscription.SubscriptionLifecycle}; {@link
 * com.ckengine.subscription.JpaSubscriptionLifecycle} keeps each subscription's state in its own
 * tables ({@code CK_SUB_SUBSCRIPTION}, {@code CK_SUB_FACT}) and publishes the six subscription
 * triggers through the engine's {@link com.ckengine.api.EventPublisher}.
 *
 * <p>Kept out of {@code com.ckengine.engine} on purpose: it is a client of the engine's public
 * publishing contract, like any host code, not part of rule evaluation or delivery.
 */
package com.ckengine.subscription;

/**
 * The demo's storefront: a small catalog, a cart, and a one-page checkout with an order bump and a
 * test payment. Everything goes through Broadleaf's own services (catalog, cart, payment, {@code
 * blCheckoutWorkflow}), so orders end exactly as they would in a production Broadleaf store.
 */
package com.ckengine.demo.store;

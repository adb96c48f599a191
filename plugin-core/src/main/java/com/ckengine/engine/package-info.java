/**
 * The ConvertKit integration engine: {@link com.ckengine.engine.IntegrationEngine} wires the
 * publisher (a transactional outbox), the background delivery workers, the integration and rule
 * services and the integration log over any JPA EntityManagerFactory and a {@link
 * com.ckengine.kit.KitClient}. Everything not public here is an implementation detail.
 */
package com.ckengine.engine;

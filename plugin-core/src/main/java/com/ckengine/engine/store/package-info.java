/**
 * The engine's persistent state: plain JPA 2.0 entities on module-prefixed tables ({@code CK_*}),
 * ids from a table generator of our own ({@code CK_ID_GEN}), and {@link
 * com.ckengine.engine.store.Jpa}, which runs each unit of work in an EntityManager and
 * resource-local transaction of its own, so the engine never joins a caller's transaction and works
 * with any EntityManagerFactory (the host hands it its own persistence unit).
 *
 * <p>Relations are plain id columns, not JPA associations: every query is explicit, nothing is
 * lazily loaded behind the engine's back, and the host's admin can map its own screens onto the
 * tables.
 */
package com.ckengine.engine.store;

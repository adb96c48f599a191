/**
 * Host-neutral contracts of the ConvertKit integration engine: the store events a host (or a
 * billing module) publishes, the single entry point that accepts them, and plain descriptions of
 * the rules an operator sets up.
 *
 * <p>Nothing here depends on Broadleaf, JPA or ConvertKit's wire format, so a host can build events
 * and reason about rules without pulling in the engine's implementation. The module is compiled for
 * Java 8 and has no dependencies.
 */
package com.ckengine.api;

/**
 * Starts the demo: one JVM serving a real Broadleaf storefront at {@code /} and the Broadleaf admin
 * at {@code /admin}, each in a web application of its own, on an embedded file database or
 * PostgreSQL.
 *
 * <p>Two Broadleaf web applications in one JVM each need a class loader of their own (entity
 * weaving transforms only classes loaded by the web application's loader), so every Broadleaf jar
 * is handed to both web applications as their own class path, while the database driver and the
 * instrumentation agent stay in the launcher's loader and are shared.
 */
package com.ckengine.demo.launcher;

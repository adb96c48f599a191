/**
 * Starts the demo: one JVM serving a real Broadleaf storefront at {@code /} and the Broadleaf admin
 * at {@code /admin}, each in a web application of its own, on an embedded file database or
 * PostgreSQL.
 *
 * <p>Each web application has a class loader of its own holding what its war would hold on a real
 * site ({@link com.ckengine.demo.launcher.WarClassPaths}): the storefront has plugin-core and no
 * admin jar, the admin has plugin-admin. Both sit on a container loader that shares only the
 * servlet API, Jetty, the database drivers and the instrumentation agent. Two loaders are needed in
 * any case: entity weaving transforms only classes loaded by the web application's own loader.
 */
package com.ckengine.demo.launcher;

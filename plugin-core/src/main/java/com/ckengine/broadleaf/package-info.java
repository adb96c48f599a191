/**
 * The plugin's seat in a Broadleaf Commerce 3.1 host: Spring factory beans that build the
 * ConvertKit client and the {@link com.ckengine.engine.IntegrationEngine} from the host's
 * persistence unit and runtime properties. The host lists {@code
 * classpath:/bl-ckengine-applicationContext.xml} in its {@code patchConfigLocation}; the defaults
 * are in {@code config/bc/ckengine/common.properties}.
 *
 * <p>Everything Broadleaf-specific lives in this package; the engine, rules, delivery and the Kit
 * client know nothing of the host.
 */
package com.ckengine.broadleaf;

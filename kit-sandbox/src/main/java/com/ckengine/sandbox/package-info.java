/**
 * An offline stand-in for ConvertKit's (Kit's) v3 API, for tests and the demo.
 *
 * <p>{@link com.ckengine.sandbox.KitSandbox} is a small HTTP server (the JDK's own) that answers
 * the v3 endpoints the plugin uses with Kit's JSON shapes, error bodies and 429s, keeps accounts,
 * tags, subscribers, taggings and purchases in memory, can be told to fail, and shows its state on
 * a plain HTML page. {@link com.ckengine.sandbox.KitSandboxMain} starts one from the command line.
 * Nothing here depends on the plugin, so the plugin's tests and the demo can both use it.
 */
package com.ckengine.sandbox;

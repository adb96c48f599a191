/**
 * Past orders: what a host offers so the engine can bring orders placed before the plugin (or
 * before a rule) into Kit. The host implements {@link com.ckengine.api.past.PastOrderSource}; the
 * engine counts through it for a preview and pages through it for a run.
 */
package com.ckengine.api.past;

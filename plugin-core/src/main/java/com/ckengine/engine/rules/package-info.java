/**
 * Rule evaluation: an immutable in-memory {@link com.ckengine.engine.rules.RuleIndex} of the
 * enabled rules, and the pure function that turns a store event into the {@link
 * com.ckengine.engine.rules.PlannedAction}s to deliver. No I/O here: the index is rebuilt from the
 * database by {@link com.ckengine.engine.rules.RuleService} when rules change.
 */
package com.ckengine.engine.rules;

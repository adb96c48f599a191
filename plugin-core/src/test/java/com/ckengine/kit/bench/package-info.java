/**
 * Benchmarks of the Kit client against the sandbox. Not unit tests: they print figures and never
 * run in the default build (surefire picks only {@code *Test} classes). How to run them and the
 * figures measured are in {@code docs/kit-client.md}.
 */
package com.ckengine.kit.bench;

/**
 * Benchmarks of the engine, as main classes run by the {@code bench} Maven profile of plugin-core
 * (see docs/benchmarks-engine.md for the commands and the figures). They print figures; they are
 * not tests and assert nothing. {@code FastestScheduleTest} is the one test here: it checks the
 * arithmetic they measure against ({@code FastestSchedule}).
 */
package com.ckengine.engine.bench;

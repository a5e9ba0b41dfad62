/**
 * {@code crystal-bench suite}: one config's models over many data sets. {@link org.crystalbench.suite.SuitePlan} turns a
 * suite config into one grid config per data set, {@link org.crystalbench.suite.SuiteOperation} runs them through the
 * grid (journal, resume, shards) and {@link org.crystalbench.suite.SuiteMerge} merges suite shards; both read and write
 * a {@link org.crystalbench.suite.SuiteFolder}, which also holds the across-data-set comparison
 * ({@link org.crystalbench.suite.SuiteAnalysis}: statistics in {@code stats}, tables in {@code results.SuiteTables},
 * rendering in {@code report.SuiteReport}). docs/suite.md. Layer operations: uses grid, run and everything below them.
 */
package org.crystalbench.suite;

/**
 * {@code crystal-bench suite}: one config's models over many data sets. {@link org.crystalbench.suite.SuitePlan} turns a
 * suite config into one grid config per data set, {@link org.crystalbench.suite.SuiteRun} runs them through the grid
 * (journal, resume, shards) and {@link org.crystalbench.suite.SuiteMerge} merges suite shards;
 * {@link org.crystalbench.suite.SuiteAnalysis} compares the models across data sets (statistics in {@code stats},
 * tables in {@code results.SuiteTables}, rendering in {@code report.SuiteReport}). docs/suite.md. Layer
 * operations: uses grid and everything below it.
 */
package org.crystalbench.suite;

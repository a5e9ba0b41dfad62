/**
 * The operations of the short commands whose work lives in lower layers (audit, train, predict, synth, report; bench
 * and perf-check's modes as BenchRun, TwoFileCheck, InterleavedCheck and HistoryCheck, whose tables report/ renders): each a
 * class with a {@code Request} of typed values, an {@code Outcome} with what was written and its
 * {@link org.crystalbench.ExitCode}, and {@code execute(Request, Console)}; no picocli, no System.exit. The long-running
 * operations keep the same shape in their own packages: run.RunOperation, grid.GridOperation, grid.MergeOperation,
 * grid.CompareOperation, suite.SuiteOperation, suite.SuiteMerge. Layer operations: uses run, grid and everything
 * below them (grid for train --from-grid).
 */
package org.crystalbench.operations;

/**
 * Fitting work units: the lanes, timeouts and deadline ({@code GridRunner}) and the evaluator through the one
 * fit path ({@code FitEvaluator}). Layer engine: uses grid.plan, grid.journal (the entries it makes) and evaluation.
 */
package org.crystalbench.grid.fit;

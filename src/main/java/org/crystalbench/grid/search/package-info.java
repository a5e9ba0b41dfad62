/**
 * Which units a grid runs, decided from journal entries alone: the evidence per point ({@code Evidence}), the
 * rules (exhaustive, race, halving) and the one stage loop ({@code Search.stages}) of grid and grid-compare.
 * Layer results: uses grid.plan, grid.journal, stats and results (the typed search status of grid.csv).
 */
package org.crystalbench.grid.search;

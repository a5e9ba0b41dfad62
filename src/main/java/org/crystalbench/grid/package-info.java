/**
 * The grid operations, each a Request → Outcome class: run a grid (GridOperation), merge shards (MergeOperation),
 * compare a search with the exhaustive grid (CompareOperation over SearchCheck); they write grid.csv and nested.csv,
 * and grid.md through report.GridPage. Layer operations: uses grid.plan, grid.journal, grid.fit, grid.search,
 * grid.results, results, report and run.
 */
package org.crystalbench.grid;

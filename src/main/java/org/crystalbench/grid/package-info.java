/**
 * The grid operations, each a Request → Outcome class: run a grid (GridOperation), merge shards (MergeOperation),
 * compare a search with the exhaustive grid (CompareOperation over SearchCheck); and the grid.csv, grid.md and
 * nested.csv they write. Layer operations: uses grid.plan, grid.journal, grid.fit, grid.search, results, report and run.
 */
package org.crystalbench.grid;

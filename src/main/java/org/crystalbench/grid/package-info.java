/**
 * The grid operations: run a grid (GridRun), merge shards (GridMerge), compare a search with the exhaustive grid
 * (SearchCheck) and write grid.csv, grid.md and nested.csv. Layer operations: uses grid.plan, grid.journal,
 * grid.fit, grid.search, results, report and run.
 */
package org.crystalbench.grid;

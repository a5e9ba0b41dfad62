/**
 * The grid operations: run a grid (GridRun), merge shards (GridMerge), compare a search with the exhaustive grid
 * (SearchCheck) and write grid.csv, nested.csv and (through report.GridPage) grid.md. Layer operations: uses
 * grid.plan, grid.journal, grid.fit, grid.search, grid.results, results, report and run.
 */
package org.crystalbench.grid;

/**
 * A grid folder's results as typed rows, computed from journal entries only: per-point evidence ranked within each
 * model (GridTables), nested CV, counts and scope, and a search's comparison with the exhaustive grid
 * (SearchComparison). Rendered by report (grid.md, grid-compare). Layer results: uses grid.plan, grid.journal,
 * grid.search, stats and results.
 */
package org.crystalbench.grid.results;

/**
 * Typed result tables, one owner per output file, which writes its CSV and reads it back as records (summary,
 * comparisons, grid, nested, suite, ...), and Cells, the one Markdown table writer with the cells summary.md and
 * report.md share (summary.md is still rendered here, by RunTables). Layer results: uses stats, engine, config and io.
 */
package org.crystalbench.results;

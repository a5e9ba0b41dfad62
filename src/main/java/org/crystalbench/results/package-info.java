/**
 * Typed result tables, one owner per output file, which writes its CSV and reads it back as records (summary,
 * comparisons, grid, nested, suite, ...); rows only, no Markdown rendering. Layer results: uses stats, engine,
 * config and io.
 */
package org.crystalbench.results;

/**
 * Typed result tables, one owner per output file, which writes its CSV and reads it back as records (summary,
 * comparisons, grid, nested, suite, ...); no Markdown (report renders it). Layer results: uses stats, engine,
 * config and io.
 */
package org.crystalbench.results;

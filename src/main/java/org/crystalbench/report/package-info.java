/**
 * Every human-readable file, rendered from typed rows: report.md's sections and figures (JFreeChart), summary.md
 * (SummaryPage), grid.md and grid-compare (GridPage), the audit (AuditMarkdown), all through Cells, the one
 * Markdown table writer. Layer report: uses results (and grid.results, perf), stats, engine (audit, grid.plan),
 * config and io; never an operation.
 */
package org.crystalbench.report;
